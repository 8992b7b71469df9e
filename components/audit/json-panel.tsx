/** One side of the before/after comparison, pretty-printed; long values scroll inside the panel. */
export function JsonPanel({ label, value }: { label: string; value: unknown }) {
  const empty = value === null || value === undefined;
  return (
    <section aria-label={label} className="flex min-w-0 flex-col rounded-md border bg-background">
      <h3 className="border-b px-3 py-1.5 text-xs font-medium text-muted-foreground">{label}</h3>
      {empty ? (
        <p className="px-3 py-2 text-xs italic text-muted-foreground">nothing</p>
      ) : (
        <pre className="max-h-80 overflow-auto px-3 py-2 font-mono text-xs leading-relaxed text-foreground">{JSON.stringify(value, null, 2)}</pre>
      )}
    </section>
  );
}

/** Top-level keys whose values differ between before and after (both objects), for a quick read. */
export function changedTopLevelKeys(before: unknown, after: unknown): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(before) || !isObj(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}
