/**
 * P(D_n <= d) for the two-sided one-sample Kolmogorov-Smirnov statistic by Durbin's matrix method
 * (Durbin 1968) in the form of Marsaglia, Tsang and Wang (2003): with nd = k - h, 0 <= h < 1, the answer is
 * n!/n^n times the (k, k) entry of H^n for an m×m matrix H, m = 2k - 1. Cost O(m³ log n), so it is used for
 * small nd only. Intermediate results are rescaled by powers of two, which is exact, to stay in range.
 */

const SCALE_EXP = 128;
const SCALE = 2 ** SCALE_EXP;
const INV_SCALE = 2 ** -SCALE_EXP;

export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // First column v (and, reversed, last row) of H: v[j] = (1 - h^(j+1)) / (j+1)!, corrected in the corner.
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = fac;
    fac /= j;
    v[j - 1] = (1 - h ** j) * fac;
  }
  const corner = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + corner) * fac;

  let hm: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let r = i - 1; r < m; r++) hm[r * m + i] = w[r - i + 1];
  }
  for (let r = 0; r < m; r++) hm[r * m] = v[r];
  for (let c = 0; c < m; c++) hm[(m - 1) * m + c] = v[m - 1 - c];

  // Square-and-multiply for H^n, keeping power-of-two exponents aside.
  let power: Float64Array = identity(m);
  let powerExp = 0;
  let hExp = 0;
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2) {
      power = multiply(power, hm, m);
      powerExp += hExp;
    }
    hm = multiply(hm, hm, m);
    hExp *= 2;
    if (Math.abs(hm[(k - 1) * m + (k - 1)]) > SCALE) {
      for (let i = 0; i < hm.length; i++) hm[i] *= INV_SCALE;
      hExp += SCALE_EXP;
    }
  }

  let p = power[(k - 1) * m + (k - 1)];
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < INV_SCALE) {
      p *= SCALE;
      powerExp -= SCALE_EXP;
    }
  }
  return ldexp(p, powerExp);
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l];
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += ail * b[l * m + j];
    }
  }
  return out;
}

/** x · 2^e without overflowing or underflowing the power of two on the way. */
export function ldexp(x: number, e: number): number {
  let out = x;
  let rest = e;
  while (rest > 1000) {
    out *= 2 ** 1000;
    rest -= 1000;
  }
  while (rest < -1000) {
    out *= 2 ** -1000;
    rest += 1000;
  }
  return out * 2 ** rest;
}
