import { ChevronRight } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import type { DatasetInputView } from '@/lib/experiments/schemas';

/** Datasets the run read (mlflow.log_input): what, which version (digest), from where, and in what role. */
export function DatasetsList({ inputs }: { inputs: DatasetInputView[] }) {
  return (
    <ul className="flex flex-col gap-2" aria-label="Datasets">
      {inputs.map(({ dataset: d, context, tags }) => (
        <li key={`${d.id}:${context ?? ''}`} className="rounded-md border bg-card px-3 py-2 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{d.name}</span>
            {context ? <Badge variant="secondary">{context}</Badge> : null}
            <span className="font-mono text-xs text-muted-foreground" title="Digest">
              {d.digest}
            </span>
            <span className="text-xs text-muted-foreground">{d.sourceType}</span>
          </div>
          <p className="mt-1 break-all font-mono text-xs text-muted-foreground">{d.source}</p>
          {Object.keys(tags).length ? (
            <p className="mt-1 flex flex-wrap gap-1">
              {Object.entries(tags).map(([k, v]) => (
                <Badge key={k} variant="outline" className="font-normal">
                  <span className="text-muted-foreground">{k}</span>&nbsp;{v}
                </Badge>
              ))}
            </p>
          ) : null}
          <JsonDetails label="Schema" value={d.schema} />
          <JsonDetails label="Profile" value={d.profile} />
        </li>
      ))}
    </ul>
  );
}

/** MLflow stores schema and profile as JSON text; show it pretty-printed when it parses. */
function pretty(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2);
}

function JsonDetails({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined || value === '') return null;
  return (
    <details className="group mt-1.5">
      <summary className="inline-flex cursor-pointer items-center gap-1 text-xs text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring [&::-webkit-details-marker]:hidden">
        <ChevronRight className="size-3.5 transition-transform group-open:rotate-90" aria-hidden />
        {label}
      </summary>
      <pre className="mt-1 max-h-80 overflow-auto rounded-md bg-muted p-2 font-mono text-xs">{pretty(value)}</pre>
    </details>
  );
}
