/**
 * A timestamp rendered the same on server and client (UTC, minute precision), with the exact
 * ISO value in the tooltip. `null` shows the fallback, e.g. "never".
 */
export function DateTime({ value, fallback = '—' }: { value: string | null; fallback?: string }) {
  if (!value) return <span className="text-muted-foreground">{fallback}</span>;
  const text = `${value.slice(0, 10)} ${value.slice(11, 16)}`;
  return (
    <time dateTime={value} title={value} className="whitespace-nowrap tabular-nums">
      {text}
    </time>
  );
}
