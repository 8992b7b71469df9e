/**
 * The binomial probability C(n, k) p^k q^(n-k) by Loader's saddle-point form ("Fast and accurate computation
 * of binomial probabilities", 2000; what R's dbinom does): the exponent is split into Stirling-series
 * remainders and deviance terms that are each small, so no large logarithms cancel and the relative error
 * stays near machine precision even for n in the millions. Callers pass n·p and n·q separately so a q
 * close to 0 keeps its relative accuracy.
 */

const LN_2PI = Math.log(2 * Math.PI);

// stirlerr(k) = ln k! - (k + 1/2) ln k + k - ln √(2π) for k = 1 … 15, to double precision.
const STIRLERR_SMALL = [
  0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475, 0.005554733551962801,
];

/** Error of Stirling's formula for ln k!, for integer k >= 1. */
export function stirlingError(k: number): number {
  if (k <= 15) return STIRLERR_SMALL[k - 1];
  const kk = k * k;
  // Asymptotic series 1/(12k) - 1/(360k³) + 1/(1260k⁵) - 1/(1680k⁷) + 1/(1188k⁹).
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / 1188 / kk) / kk) / kk) / kk) / k;
}

/** Deviance term x ln(x / m) + m - x, by a series when x and m are close (where direct evaluation cancels). */
export function binomialDeviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    const v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    const v2 = v * v;
    for (let j = 1; j < 1000; j++) {
      ej *= v2;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** C(n, k) p^k q^(n-k) for integers 0 < k < n, given np = n·p and nq = n·q (p + q = 1). */
export function binomialPmf(k: number, n: number, np: number, nq: number): number {
  const lc =
    stirlingError(n) - stirlingError(k) - stirlingError(n - k) - binomialDeviance(k, np) - binomialDeviance(n - k, nq);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}

/** a·b as an unevaluated sum hi + lo, exactly (Dekker's product; no fused multiply-add in JavaScript). */
export function exactProduct(a: number, b: number): [number, number] {
  const hi = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  const lo = ah * bh - hi + ah * bl + al * bh + al * bl;
  return [hi, lo];
}

function split(a: number): [number, number] {
  const c = 134217729 * a; // 2^27 + 1
  const hi = c - (c - a);
  return [hi, a - hi];
}
