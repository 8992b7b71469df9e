'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { XMode } from '@/components/charts/series';
import { ChartControls } from './chart-controls';
import type { MetricHistoryData } from './history';
import { MetricCard } from './metric-card';
import { runPageQuery, type RunPageState } from './run-url';

interface Props {
  runId: string;
  startTime: number;
  state: RunPageState;
  histories: { key: string; history: MetricHistoryData }[];
}

/**
 * All metric charts of a run with their shared settings. Changing the x axis asks the server for
 * histories on that axis; log scale and smoothing only redraw, so they update the URL in place.
 */
export function ChartsPanel({ runId, startTime, state, histories }: Props) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [log, setLog] = useState(state.log);
  const [smooth, setSmooth] = useState(state.smooth);
  const href = (next: Partial<RunPageState>) => {
    const q = runPageQuery({ ...state, log, smooth, ...next });
    return q ? `${pathname}?${q}` : pathname;
  };
  const onX = (x: XMode) => startTransition(() => router.replace(href({ x }), { scroll: false }));
  const onLog = (v: boolean) => {
    setLog(v);
    window.history.replaceState(null, '', href({ log: v }));
  };
  const onSmooth = (v: number) => {
    setSmooth(v);
    window.history.replaceState(null, '', href({ smooth: v }));
  };

  return (
    <QueryClientProvider client={client}>
      <div className="flex flex-col gap-3">
        <ChartControls x={state.x} log={log} smooth={smooth} onX={onX} onLog={onLog} onSmooth={onSmooth} pendingX={pending} />
        <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
          {histories.map(({ key, history }) => (
            <MetricCard key={`${key}:${state.x}`} runId={runId} metricKey={key} initial={history} xMode={state.x} startTime={startTime} log={log} smooth={smooth} />
          ))}
        </div>
      </div>
    </QueryClientProvider>
  );
}
