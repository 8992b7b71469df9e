/** Shown while the experiments list loads. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading experiments" className="animate-pulse">
      <div className="mb-2 h-6 w-40 rounded bg-muted" />
      <div className="mb-6 h-3 w-96 rounded bg-muted" />
      <div className="mb-3 h-8 w-80 rounded bg-muted" />
      <div className="overflow-hidden rounded-md border">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="flex h-12 items-center gap-4 border-b px-3 last:border-0">
            <div className="h-3 w-6 rounded bg-muted" />
            <div className="h-3 w-56 rounded bg-muted" />
            <div className="ml-auto h-3 w-24 rounded bg-muted" />
            <div className="h-3 w-40 rounded bg-muted" />
          </div>
        ))}
      </div>
      <span className="sr-only">Loading…</span>
    </div>
  );
}
