/**
 * Exact null distribution of the two-sample Kolmogorov-Smirnov statistic for continuous data, as scipy's
 * ks_2samp computes it (Hodges 1958, following Drion/Gnedenko/Korolyuk; the 1 - p recursion of Viehmann,
 * arXiv:2102.08037). Both return P(D >= h / lcm(m, n)) for integer h; ties in the data are not corrected for.
 */

/**
 * P(D_{n,n} >= h/n) for two samples of equal size n, 1 <= h <= n: the reflection-principle alternating sum
 * 2 Σ_k (-1)^(k-1) C(2n, n - kh) / C(2n, n), evaluated as nested products so no term cancels.
 */
export function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    // ratio = C(2n, n - (k+1)h) / C(2n, n - kh), as a product of h simple factors.
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * P(D_{m,n} >= h / lcm(m, n)) for samples of sizes m and n with gcd g: one minus the share of monotone
 * lattice paths from (0, 0) to (m, n) that stay strictly inside |x/m - y/n| < h / lcm. Each column holds
 * the probability of having left the band, so values stay in [0, 1] and nothing overflows.
 */
export function probOutsideBand(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  // Entries past the live window stand for paths already outside the band, hence 1.
  const a = new Float64Array(n + 2).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj] * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, curlen, lastlen);
  }
  return a[maxj - minj - 1];
}
