'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { compareQuery, parseCompareState, type CompareState } from './compare-url';

/**
 * The view's state, read from the address and written back to it. Changes replace the history entry
 * in place (no server round trip: the comparison data does not depend on them). useSearchParams
 * follows history.replaceState a render later, so the change is shown at once from local state until
 * the address catches up; a navigation elsewhere (Back, a link) wins over it.
 */
export function useCompareState(): [CompareState, (patch: Partial<CompareState>) => void] {
  const text = useSearchParams().toString();
  const [pending, setPending] = useState<{ before: string; state: CompareState } | null>(null);
  const fromUrl = useMemo(() => parseCompareState(new URLSearchParams(text)), [text]);
  const update = useCallback((patch: Partial<CompareState>) => {
    const before = window.location.search.replace(/^\?/, '');
    const state = { ...parseCompareState(new URLSearchParams(before)), ...patch };
    const next = compareQuery(state);
    setPending({ before: text, state });
    window.history.replaceState(null, '', `${window.location.pathname}${next ? `?${next}` : ''}`);
  }, [text]);
  return [pending && pending.before === text ? pending.state : fromUrl, update];
}
