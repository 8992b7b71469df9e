/**
 * P(D_n <= d) for the two-sided one-sample Kolmogorov-Smirnov statistic by Pomeranz's recursion
 * (Pomeranz 1974, ACM Algorithm 487), as Simard and L'Ecuyer (2011) use it for n <= 140 and moderate n·d².
 * Each of the 2n + 1 steps convolves the previous row with (almost) Poisson weights; only a short window
 * of each row is non-zero, and rows are rescaled by powers of two against underflow.
 */
import { ldexp } from './durbin-matrix';

const SCALE_EXP = 128;
const SCALE = 2 ** SCALE_EXP;
const INV_SCALE = 2 ** -SCALE_EXP;

export function pomeranzCdf(n: number, d: number): number {
  const t = n * d;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const npwrs = 2 * (ll + 1);

  // (g/n)^m/m!, (2g/n)^m/m! and ((1-2g)/n)^m/m!: Poisson probabilities without their normalising factor.
  const gpower = new Float64Array(npwrs);
  const twogpower = new Float64Array(npwrs);
  const onem2gpower = new Float64Array(npwrs);
  gpower[0] = twogpower[0] = onem2gpower[0] = 1;
  for (let m = 1; m < npwrs; m++) {
    gpower[m] = (gpower[m - 1] * (g / n)) / m;
    twogpower[m] = (twogpower[m - 1] * ((2 * g) / n)) / m;
    onem2gpower[m] = (onem2gpower[m - 1] * ((1 - 2 * g) / n)) / m;
  }

  let v0 = new Float64Array(npwrs);
  let v1 = new Float64Array(npwrs);
  v1[0] = 1;
  let v0s = 0;
  let v1s = 0;
  let expnt = 0;
  let [j1, j2] = rowWindow(0, n, ll, ceilf, roundf);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [v0, v1] = [v1, v0];
    [v0s, v1s] = [v1s, v0s];
    v1.fill(0);
    [j1, j2] = rowWindow(i, n, ll, ceilf, roundf);
    const pwrs = i === 1 || i === 2 * n + 1 ? gpower : i % 2 ? twogpower : onem2gpower;
    const len = j2 - k1 + 1;
    if (len > 0) {
      const start = j1 - k1;
      const count = j2 - j1 + 1;
      const base = k1 - v0s;
      const aLen = Math.min(len, npwrs - base);
      const bLen = Math.min(len, npwrs);
      let max = 0;
      for (let c = 0; c < count; c++) {
        // Entry start + c of the full convolution of the previous row's window with the weights.
        const idx = start + c;
        let s = 0;
        for (let a = Math.max(0, idx - bLen + 1); a <= Math.min(idx, aLen - 1); a++) {
          s += v0[base + a] * pwrs[idx - a];
        }
        v1[c] = s;
        if (s > max) max = s;
      }
      if (max > 0 && max < INV_SCALE) {
        for (let c = 0; c < count; c++) v1[c] *= SCALE;
        expnt -= SCALE_EXP;
      }
      v1s = v0s + j1 - k1;
    }
  }

  let ans = v1[n - v1s];
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > SCALE) {
      ans *= INV_SCALE;
      expnt += SCALE_EXP;
    }
    ans *= m;
  }
  return ldexp(ans, expnt);
}

/** First and last non-zero column of row i of the recursion. */
function rowWindow(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}
