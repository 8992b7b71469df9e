export interface FilterProblem {
  message: string;
  /** 1-based, in code points, as SearchSyntaxError gives it. */
  position: number;
  token: string;
}

/**
 * The filter text again, monospaced, with the offending token underlined and a caret under its first
 * character, then the parser's message: the place is visible even when the input has scrolled.
 */
export function FilterError({ id, filter, problem }: { id: string; filter: string; problem: FilterProblem }) {
  const chars = Array.from(filter);
  const start = Math.min(Math.max(problem.position - 1, 0), chars.length);
  const length = Math.max(Array.from(problem.token).length, 1);
  const before = chars.slice(0, start).join('');
  const bad = chars.slice(start, start + length).join('');
  const after = chars.slice(start + length).join('');
  return (
    <div id={id} role="alert" className="mt-1.5 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-xs" data-testid="filter-error">
      <pre className="overflow-x-auto whitespace-pre font-mono leading-5 text-muted-foreground" aria-hidden>
        {before}
        <span className="text-destructive underline decoration-wavy decoration-destructive underline-offset-4" data-testid="filter-error-token">
          {bad || ' '}
        </span>
        {after}
        {'\n'}
        <span className="text-destructive">{' '.repeat(Array.from(before).length)}^</span>
      </pre>
      <p className="mt-1 text-destructive">{problem.message}</p>
    </div>
  );
}
