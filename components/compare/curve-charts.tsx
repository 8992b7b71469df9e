'use client';

import { use, useEffect, useMemo, useState } from 'react';
import type { CurveSeriesView, GetComparisonCurvesOutput } from '@/lib/compare/schemas';
import type { CompareState } from './compare-url';
import { CurveChart, type CurveRun } from './curve-chart';
import type { CurvesRequest } from './curves-request';

/** Curves read on the server for the request named (requestKey). */
export interface InitialCurves {
  request: string;
  curves: GetComparisonCurvesOutput;
}

/** The last curves received stay drawn while the next ones load (zoom, x axis), so charts do not blink. */
interface Load {
  /** The request these curves answer; a different current request means the next ones are loading. */
  request: string;
  curves: GetComparisonCurvesOutput | null;
  message?: string;
}

interface Props {
  initialCurves: Promise<InitialCurves | null> | null;
  /** The curves the view asks for (null: nothing to draw), and its requestKey. */
  body: CurvesRequest | null;
  request: string;
  metrics: string[];
  runs: Map<string, CurveRun>;
  state: CompareState;
  update: (patch: Partial<CompareState>) => void;
  onDrawn: () => void;
}

const NO_SERIES: CurveSeriesView[] = [];

/** One box per metric while the first curves are on their way from the server. */
export function CurvesLoading({ metrics }: { metrics: string[] }) {
  return (
    <div className="grid gap-3 xl:grid-cols-2" aria-busy>
      {metrics.map((key) => (
        <div key={key} className="flex h-80 items-center justify-center rounded-md border text-sm text-muted-foreground" role="status">
          Loading {key}…
        </div>
      ))}
    </div>
  );
}

/**
 * The charts of the chosen metrics. They start from the curves the server read with the page (waiting
 * for them to stream in), and fetch afresh whenever the view asks for other curves.
 */
export function CurveCharts({ initialCurves, body, request, metrics, runs, state, update, onDrawn }: Props) {
  const initial = initialCurves ? use(initialCurves) : null;
  const [load, setLoad] = useState<Load>(() => initial ?? { request: '', curves: null });
  const loading = !!body && load.request !== request;

  useEffect(() => {
    // The curves held already answer this view (the server sent them with the page): nothing to fetch.
    if (!body || load.request === request) return;
    const abort = new AbortController();
    fetch('/api/v1/compare/curves', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: abort.signal,
    })
      .then(async (res) => {
        const answer = await res.json();
        if (!res.ok) throw new Error(answer?.error?.message ?? `The server answered ${res.status}.`);
        setLoad({ request, curves: answer as GetComparisonCurvesOutput });
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) setLoad({ request, curves: null, message: e instanceof Error ? e.message : 'The curves could not be loaded.' });
      });
    return () => abort.abort();
    // load.request is read only to skip a fetch; a new answer must not start another one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, request]);

  // No chart to wait for: nothing chosen, no runs kept by the brush, or the curves could not be loaded.
  const nothingToDraw = !body || (!!load.message && !loading);
  useEffect(() => {
    if (nothingToDraw) onDrawn();
  }, [nothingToDraw, onDrawn]);

  const curves = load.curves;
  // Each chart keeps the same series array until new curves arrive, so it is not redrawn on every render.
  const byKey = useMemo(() => {
    const out = new Map<string, CurveSeriesView[]>();
    for (const s of curves?.series ?? []) {
      const list = out.get(s.key);
      if (list) list.push(s);
      else out.set(s.key, [s]);
    }
    return out;
  }, [curves]);
  return (
    <>
      {load.message && !loading ? <p className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">{load.message}</p> : null}
      <div className="grid gap-3 xl:grid-cols-2" aria-busy={loading}>
        {metrics.map((key, index) =>
          // A metric just added has no curves held yet: it waits for them rather than claim it has none.
          curves && (!loading || byKey.has(key)) ? (
            <CurveChart
              key={key}
              metric={key}
              series={byKey.get(key) ?? NO_SERIES}
              runs={runs}
              xAxis={curves.xAxis}
              log={state.log}
              smooth={state.smooth}
              zoom={curves.range}
              onZoom={(zoom) => update({ zoom })}
              onDrawn={onDrawn}
              afterFirstPaint={index > 0}
            />
          ) : (
            <div key={key} className="flex h-80 items-center justify-center rounded-md border text-sm text-muted-foreground" role="status">
              {load.message && !loading ? 'No curves to draw.' : `Loading ${key}…`}
            </div>
          ),
        )}
      </div>
      {loading && curves ? (
        <p role="status" className="text-xs text-muted-foreground">
          Loading detail…
        </p>
      ) : null}
    </>
  );
}
