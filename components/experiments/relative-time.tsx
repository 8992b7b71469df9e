const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "3 hr. ago" relative to `now`, which the page passes so server and client render the same text. */
export function relativeTime(ms: number, now: number): string {
  const diff = ms - now;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return format.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

/** A past moment as relative text, with the exact UTC time on hover. */
export function RelativeTime({ ms, now, fallback = '—' }: { ms: number | null | undefined; now: number; fallback?: string }) {
  if (ms === null || ms === undefined) return <span className="text-muted-foreground">{fallback}</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time dateTime={iso} title={`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`} className="whitespace-nowrap tabular-nums">
      {relativeTime(ms, now)}
    </time>
  );
}

/** The moment a server page renders, handed to its relative times (outside render so it reads as an input). */
export function renderTime(): number {
  return Date.now();
}
