'use client';

import { KeyRound, X } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';

/** The new token's secret, shown once right after creation; the server keeps only its hash. */
export function TokenSecret({ name, token, onDismiss }: { name: string; token: string; onDismiss: () => void }) {
  const curl = `curl -H "Authorization: Bearer ${token}" ${window.location.origin}/api/v1/me`;
  return (
    <section aria-labelledby="new-token-title" className="rounded-lg border border-primary/50 bg-primary/5 p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="flex items-center gap-2">
          <KeyRound className="size-4 text-primary" aria-hidden />
          <h2 id="new-token-title" className="text-sm font-semibold">
            Token “{name}” created
          </h2>
        </div>
        <Button variant="ghost" size="icon" className="-mr-2 -mt-2 size-8" aria-label="Hide the new token" onClick={onDismiss}>
          <X />
        </Button>
      </div>
      <p className="mt-1 text-sm font-medium text-foreground">Copy it now — it will not be shown again.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code data-testid="new-token-secret" className="min-w-0 flex-1 break-all rounded-md border bg-background px-3 py-2 font-mono text-sm select-all">
          {token}
        </code>
        <CopyButton value={token} label="Copy token" />
      </div>
      <p className="mt-4 text-xs text-muted-foreground">Try it:</p>
      <div className="mt-1 flex flex-wrap items-start gap-2">
        <pre className="min-w-0 flex-1 overflow-x-auto rounded-md border bg-background px-3 py-2 font-mono text-xs">{curl}</pre>
        <CopyButton value={curl} label="Copy command" />
      </div>
    </section>
  );
}
