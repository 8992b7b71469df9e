/*
 * The best value of a metric across runs, given whether lower or higher is better. Pure.
 * NaN and ±Infinity never win: a diverged run is not the best one.
 */

export type Direction = 'min' | 'max';

const LOWER_IS_BETTER = /(loss|error|err|mse|rmse|mae|mape|perplexity|ppl|latency|time|duration|cost|wer|cer|fpr|fnr|bpd|nll)/i;

/** A first guess from the key's name; the page lets the person choose per metric. */
export function defaultDirection(key: string): Direction {
  return LOWER_IS_BETTER.test(key) ? 'min' : 'max';
}

/** Indexes of the runs holding the best finite value (all of them on a tie); empty when none is finite. */
export function bestIndexes(values: readonly (number | null)[], direction: Direction): number[] {
  let best: number | null = null;
  let out: number[] = [];
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return;
    if (best === null || (direction === 'min' ? v < best : v > best)) {
      best = v;
      out = [i];
    } else if (v === best) out.push(i);
  });
  return out;
}
