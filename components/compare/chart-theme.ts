/*
 * Colours and number/time formats shared by the compare charts. ECharts draws on a canvas and cannot
 * read CSS variables, so both themes are spelled out here, chosen to read on the console's surfaces.
 */

/** 20 distinguishable line colours (Tableau 10 and its light variants, darkened for white backgrounds). */
const PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#ff7f0e',
];

export function runColor(index: number): string {
  return PALETTE[index % PALETTE.length];
}

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  axis: string;
  surface: string;
  inactive: string;
  /** Opacity of the min/max bands under a curve. */
  band: number;
}

export function chartTheme(dark: boolean): ChartTheme {
  return dark
    ? { text: '#e5e7eb', muted: '#9ca3af', grid: '#27272a', axis: '#52525b', surface: '#18181b', inactive: 'rgba(161,161,170,0.12)', band: 0.2 }
    : { text: '#18181b', muted: '#6b7280', grid: '#e4e4e7', axis: '#a1a1aa', surface: '#ffffff', inactive: 'rgba(113,113,122,0.12)', band: 0.13 };
}

/**
 * A chart drawn on the server (curve-server-frame.ts) is drawn in the light theme: the server cannot
 * know the theme, which the browser keeps. These rules recolour its SVG under the dark theme (CSS beats
 * SVG presentation attributes), colour for colour, so the frame matches the canvas that replaces it.
 */
export function darkServerFrameCss(scope: string): string {
  const light = chartTheme(false);
  const dark = chartTheme(true);
  const rules = [
    `[fill="${light.muted}"]{fill:${dark.muted}}`,
    `[fill="${light.text}"]{fill:${dark.text}}`,
    `[stroke="${light.grid}"]{stroke:${dark.grid}}`,
    `[stroke="${light.axis}"]{stroke:${dark.axis}}`,
    `[fill-opacity="${light.band}"]{fill-opacity:${dark.band}}`,
  ];
  return rules.map((r) => `.dark ${scope} ${r}`).join('');
}

/** Short, readable numbers: 4 significant digits, exponents for very small or large values. */
export function formatValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

/** Milliseconds as 1h 02m, 3m 05s, 12.5s. */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (Math.abs(s) < 60) return `${Number(s.toPrecision(3))}s`;
  const m = Math.floor(s / 60);
  if (Math.abs(m) < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export function formatWallTime(ms: number, withDate = false): string {
  const d = new Date(ms);
  const time = d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return withDate ? `${d.toLocaleDateString('en-CA')} ${time}` : time;
}
