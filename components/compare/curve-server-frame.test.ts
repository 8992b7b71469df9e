import { describe, expect, it } from 'vitest';
import { chartTheme, darkServerFrameCss, runColor } from './chart-theme';
import { curveOption, type DrawnRun } from './curve-option';
import { drawCurveFrame, SERVER_FRAME_ATTR } from './curve-server-frame';

const GRID = { left: 64, right: 16, top: 12, bottom: 40 };

function option(runs: DrawnRun[]) {
  return curveOption({ runs, min: 0, max: 9, log: false, faintLines: false, xName: 'Step', yName: 'val_loss', xTick: String, theme: chartTheme(false), grid: GRID });
}

const run = (i: number, ys: (number | null)[], bands: DrawnRun['bands'] = []): DrawnRun => {
  const points = ys.map((y, x) => ({ x, y }));
  return { color: runColor(i), points, line: points, bands };
};

/** The `d` of every path stroked in a colour. */
const strokes = (svg: string, color: string) => [...svg.matchAll(new RegExp(`<polyline points="([^"]+)"[^>]*stroke="${color}"`, 'g'))].map((m) => m[1].split(' ').map(Number));

describe('drawCurveFrame', () => {
  it('draws each run as a line of its colour through all its points, inside the plot area, with the axis names', () => {
    const svg = drawCurveFrame(option([run(0, [1, 0.8, 0.6, 0.5, 0.45, 0.4, 0.38, 0.37, 0.36, 0.35]), run(1, [1.2, 1, 0.9, 0.85])]), 560, 288);
    expect(svg).toMatch(/^<style>.*<\/style><svg [^>]*viewBox="0 0 560 288"/s);
    const [first] = strokes(svg, runColor(0));
    const [second] = strokes(svg, runColor(1));
    // x and y of every point.
    expect(first).toHaveLength(20);
    expect(second).toHaveLength(8);
    // Step 0 is at the plot's left edge, step 9 at its right; every point inside the plot, falling values going down the page.
    expect(first[0]).toBeCloseTo(GRID.left, 0);
    expect(first[18]).toBeCloseTo(560 - GRID.right, 0);
    const ys = first.filter((_, i) => i % 2 === 1);
    for (const y of ys) expect(y >= GRID.top && y <= 288 - GRID.bottom).toBe(true);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(svg).toContain('>val_loss</text>');
    expect(svg).toContain('>Step</text>');
  });

  it('breaks a line where a point has no value, and fills the bands of hidden spread in the run colour', () => {
    const svg = drawCurveFrame(option([run(2, [1, 0.9, null, 0.7, 0.6], [[0, 2, 0.8, 1.1]])]), 560, 288);
    const lines = strokes(svg, runColor(2));
    expect(lines).toHaveLength(2);
    expect(svg).toMatch(new RegExp(`<path d="M[^"]+Z"[^>]*fill="${runColor(2)}" fill-opacity="${chartTheme(false).band}"`));
  });

  it('carries the rules that recolour it for the dark theme, and they match its light colours', () => {
    const svg = drawCurveFrame(option([run(0, [1, 0.5, 0.25])]), 560, 288);
    const light = chartTheme(false);
    const dark = chartTheme(true);
    expect(svg).toContain(`fill="${light.muted}"`);
    expect(svg).toContain(`stroke="${light.grid}"`);
    const css = darkServerFrameCss(`[${SERVER_FRAME_ATTR}]`);
    expect(svg.startsWith(`<style>${css}</style>`)).toBe(true);
    expect(css).toContain(`.dark [${SERVER_FRAME_ATTR}] [fill="${light.muted}"]{fill:${dark.muted}}`);
    expect(css).toContain(`.dark [${SERVER_FRAME_ATTR}] [stroke="${light.grid}"]{stroke:${dark.grid}}`);
    expect(css).toContain(`[fill-opacity="${light.band}"]{fill-opacity:${dark.band}}`);
  });
});
