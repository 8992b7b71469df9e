/** Shown while the experiment and its first page of runs load. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading experiment" className="animate-pulse">
      <div className="mb-2 h-3 w-24 rounded bg-muted" />
      <div className="mb-2 h-6 w-72 rounded bg-muted" />
      <div className="mb-6 h-3 w-96 rounded bg-muted" />
      <div className="mb-3 h-8 w-full rounded bg-muted" />
      <div className="overflow-hidden rounded-md border">
        {Array.from({ length: 10 }, (_, i) => (
          <div key={i} className="flex h-9 items-center gap-4 border-b px-3 last:border-0">
            <div className="h-3 w-4 rounded bg-muted" />
            <div className="h-3 w-40 rounded bg-muted" />
            <div className="h-3 w-16 rounded bg-muted" />
            <div className="h-3 w-24 rounded bg-muted" />
            <div className="ml-auto h-3 w-32 rounded bg-muted" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
