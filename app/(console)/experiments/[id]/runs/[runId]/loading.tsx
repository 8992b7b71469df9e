/** Shown while the run and its section (charts read their histories) load. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading run" className="animate-pulse">
      <div className="mb-2 h-3 w-32 rounded bg-muted" />
      <div className="mb-5 h-6 w-64 rounded bg-muted" />
      <div className="mb-4 flex gap-4 border-b pb-2">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-4 w-16 rounded bg-muted" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        {Array.from({ length: 2 }, (_, i) => (
          <div key={i} className="h-72 rounded-md border bg-muted/40" />
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
