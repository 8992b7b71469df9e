/** Data-drift statistics for the Monitoring domain: pure functions, no I/O. Conventions: DESIGN.md. */
export { binSamples, DEFAULT_BINS, equalWidthEdges, histogramCounts, sturgesBinCount } from './binning';
export type { BinnedShares, Binning, BinsOption } from './binning';
export { computePsi, zeroFillFor } from './psi';
export type { PsiOptions, PsiResult } from './psi';
export { computeJensenShannon, jensenShannonDistance } from './jensen-shannon';
export type { JensenShannonOptions, JensenShannonResult, LogBase } from './jensen-shannon';
export { computeWassersteinNorm, populationStd, wassersteinDistance } from './wasserstein';
export type { WassersteinResult } from './wasserstein';
export { computeKs, ksStatistic, MAX_EXACT_KS_N } from './ks';
export type { KsMethod, KsResult } from './ks';
export { kolmogorovSf } from './kolmogorov-sf';
export { chiSquareSf, computeChiSquare } from './chi-square';
export type { ChiSquareResult } from './chi-square';
export { computeZTest, twoSidedNormalP } from './z-test';
export type { ZTestResult } from './z-test';
export { chooseDefaultMethod, DEFAULT_THRESHOLDS, detectDrift, isDrifted, METHODS_FOR_KIND } from './choose-method';
export type { DriftMethod, DriftOptions, DriftVerdict } from './choose-method';
export type { CategoricalSample, NumericSample, Sample, SampleKind } from './samples';
