/**
 * Upper tail of the finite-n two-sided one-sample Kolmogorov-Smirnov distribution, P(D_n >= d)
 * (scipy.stats.kstwo.sf), which scipy's ks_2samp uses as its 'asymp' p-value with n = round(m·n/(m + n)).
 * The method per region follows Simard and L'Ecuyer (2011), as scipy does: closed forms of Ruben and
 * Gambino at both ends, twice the one-sided tail where that is exact or indistinguishable, Durbin's
 * matrix or Pomeranz's recursion for small n, and the Pelz-Good expansion for large n.
 */
import { durbinMatrixCdf } from './durbin-matrix';
import { pomeranzCdf } from './pomeranz';
import { smirnovSf } from './smirnov';

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_2PI = Math.log(2 * Math.PI);
const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const MIN_LOG = -708;

// Stirling series coefficients B_2j / (2j (2j - 1)) for j = 8 … 1, highest first.
const STIRLING = [
  -2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2,
];

/** P(D_n >= d) for integer n >= 1; 1 for d <= 1/(2n), 0 for d >= 1. */
export function kolmogorovSf(d: number, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer, got ${n}`);
  if (Number.isNaN(d)) throw new RangeError('d must be a number, got NaN');
  if (d >= 1) return 0;
  if (d <= 0.5 / n) return 1;
  const t = n * d;
  if (t <= 1) {
    // Ruben-Gambino: for 1/(2n) <= d <= 1/n, P(D_n <= d) = n!/n^n · (2t - 1)^n.
    const cdf =
      n <= 140 ? productForm(n, t) : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  // Ruben-Gambino at the top: for d >= 1 - 1/n, P(D_n >= d) = 2 (1 - d)^n.
  if (t >= n - 1) return clip(2 * (1 - d) ** n);
  // For d >= 0.5 the two one-sided events are disjoint, so doubling is exact.
  if (d >= 0.5) return clip(2 * smirnovSf(n, d));
  const nd2 = t * d;
  if (n <= 140) {
    if (nd2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, d));
    if (nd2 <= 4) return clip(1 - pomeranzCdf(n, d));
    return clip(2 * smirnovSf(n, d));
  }
  if (nd2 >= 370) return 0;
  // From here on the joint one-sided probability is below double precision relative to the tail.
  if (nd2 >= 2.2) return clip(2 * smirnovSf(n, d));
  const cdf = n <= 100_000 && n * d ** 1.5 <= 1.4 ? durbinMatrixCdf(n, d) : pelzGoodCdf(n, d);
  return clip(1 - cdf);
}

/** n!/n^n · (2t - 1)^n as a product of n factors of order one. */
function productForm(n: number, t: number): number {
  let p = 1;
  for (let i = 1; i <= n; i++) p *= i * (1 / n) * (2 * t - 1);
  return p;
}

/** ln(n!/n^n) by Stirling's series, with n ln n removed up front so nothing cancels. */
export function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  let series = 0;
  for (const c of STIRLING) series = series * (rn / n) + c;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * series;
}

/**
 * Pelz and Good's (1976) approximation to P(D_n <= d): Li-Chien's and Korolyuk's expansion
 * K0 + K1/√n + K2/n + K3/n^1.5 in z = d√n, each term rewritten with Jacobi theta identities so the
 * series converge fast for small z.
 */
export function pelzGoodCdf(n: number, d: number): number {
  if (d <= 0) return 0;
  if (d >= 1) return 1;
  const z = Math.sqrt(n) * d;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qlog = -PI2 / 8 / z2;
  if (qlog < MIN_LOG) return 0;
  let q = Math.exp(qlog);

  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Σ c_k q^((2k-1)²) over odd squares, by Horner's scheme in q^(8k).
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k >= 1; k--) {
    const m = 2 * k - 1;
    const m2 = m * m;
    const m4 = m2 * m2;
    const m6 = m4 * m2;
    const qpower = q ** (8 * k);
    const coeffs = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i] * qpower + coeffs[i];
  }
  const denominators = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i] * q * SQRT_2PI) / denominators[i];

  // The remaining sums over all integers k, in q' = exp(-π²/(2z²)).
  q = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2extra = 0;
  let k3extra = 0;
  for (let k = maxk; k >= 1; k--) {
    const k2 = k * k;
    const qk = q ** k2;
    const kpi = Math.PI * k;
    k2extra += k2 * qk;
    k3extra += (sqrt3z + kpi) * (sqrt3z - kpi) * k2 * qk;
  }
  K[2] += (k2extra * PI2 * SQRT_2PI) / (-36 * z ** 3);
  K[3] += (k3extra * PI2 * SQRT_2PI) / (216 * z6);
  return K[0] + K[1] / Math.sqrt(n) + K[2] / n + K[3] / n ** 1.5;
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
