'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { compareQuery, parseCompareState, type CompareState } from './compare-url';

/**
 * The view's state, read from the address and written back to it. Changes replace the history entry
 * in place (no server round trip: the comparison data does not depend on them); Next.js keeps
 * useSearchParams in step with history.replaceState.
 */
export function useCompareState(): [CompareState, (patch: Partial<CompareState>) => void] {
  const params = useSearchParams();
  const state = useMemo(() => parseCompareState(new URLSearchParams(params.toString())), [params]);
  const update = useCallback(
    (patch: Partial<CompareState>) => {
      const next = compareQuery({ ...parseCompareState(new URLSearchParams(window.location.search)), ...patch });
      window.history.replaceState(null, '', `${window.location.pathname}${next ? `?${next}` : ''}`);
    },
    [],
  );
  return [state, update];
}
