'use client';

import { init, type EChartsType } from 'echarts/core';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';

export type EChartHandler = (params: unknown, chart: EChartsType) => void;

interface Props {
  option: EChartsOption;
  height: number;
  onEvents?: Record<string, EChartHandler>;
  /** Called once the first option is on the chart (e.g. to restore a brush). */
  onReady?: (chart: EChartsType) => void;
  /**
   * Draw the first option after the next frame rather than at mount, so that a chart drawn before it
   * (the page's first) reaches the screen without waiting for this one.
   */
  afterFirstPaint?: boolean;
}

/**
 * An ECharts canvas: initialised once at mount and drawn at once with its option (no empty first
 * frame), drawn again when the option changes, resized with its box, disposed on unmount. Which chart
 * types it can draw depends on what the caller registered with `echarts/core` (echart-curves.ts for
 * lines, echart.tsx for the rest), so a page loads only the parts of ECharts it shows.
 */
export function EChartCanvas({ option, height, onEvents, onReady, afterFirstPaint = false }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const readyFor = useRef<EChartsType | null>(null);
  const latest = useRef({ onReady, afterFirstPaint });
  useEffect(() => {
    latest.current = { onReady, afterFirstPaint };
  });

  useEffect(() => {
    const el = box.current!;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // ResizeObserver reports the size it starts with: only a change of size redraws.
    let size = `${el.clientWidth}x${el.clientHeight}`;
    const observer = new ResizeObserver(() => {
      const next = `${el.clientWidth}x${el.clientHeight}`;
      if (next === size || instance.isDisposed()) return;
      size = next;
      instance.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || !onEvents) return;
    const bound = Object.entries(onEvents).map(([name, handler]) => {
      const listener = (params: unknown) => handler(params, instance);
      instance.on(name, listener);
      return [name, listener] as const;
    });
    return () => {
      if (!instance.isDisposed()) for (const [name, listener] of bound) instance.off(name, listener);
    };
  }, [onEvents]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const draw = () => {
      if (instance.isDisposed()) return;
      instance.setOption(option, { notMerge: true });
      if (readyFor.current !== instance) {
        readyFor.current = instance;
        latest.current.onReady?.(instance);
      }
    };
    if (readyFor.current === instance || !latest.current.afterFirstPaint) return draw();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(draw, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [option]);

  return <div ref={box} style={{ height, width: '100%' }} />;
}
