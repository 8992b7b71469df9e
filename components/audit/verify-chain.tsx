'use client';

import { CircleCheck, CircleX, ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { ActionState } from '@/lib/api/action';
import type { VerifyChainResult } from './verify-chain-result';

type Action = (prev: ActionState<VerifyChainResult>, form: FormData) => Promise<ActionState<VerifyChainResult>>;

/** Runs the verifier on the server and says plainly what it found. */
export function VerifyChain({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, { ok: null });
  return (
    <section aria-label="Chain integrity" className="mb-4 flex flex-wrap items-center gap-3 rounded-lg border bg-card px-3 py-2">
      <form action={formAction}>
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          <ShieldCheck aria-hidden /> {pending ? 'Verifying…' : 'Verify chain'}
        </Button>
      </form>
      <div aria-live="polite" className="min-w-0 flex-1">
        {state.ok === null ? (
          <p className="text-xs text-muted-foreground">
            Each event is sealed into a chain where every link carries the hash of the one before it; verifying seals what has committed, then recomputes every hash from the first link to the newest.
          </p>
        ) : (
          <VerifyOutcome state={state} />
        )}
      </div>
    </section>
  );
}

function VerifyOutcome({ state }: { state: ActionState<VerifyChainResult> }) {
  const r = state.data;
  if (!state.ok || !r) {
    return <Notice tone="bad" title="Verification did not run" text={state.message ?? 'Try again.'} />;
  }
  if (r.ok) {
    return (
      <Notice
        tone="good"
        title={`Chain OK — ${r.checked.toLocaleString('en-US')} events verified in ${r.ms} ms`}
        text={
          <>
            {r.headHash ? (
              <>
                head hash <code className="font-mono">{r.headHash.slice(0, 16)}…</code>
              </>
            ) : (
              'the log is empty'
            )}
            {r.pending > 0 ? ` · ${r.pending.toLocaleString('en-US')} newer ${r.pending === 1 ? 'event' : 'events'} still being sealed (their transactions had not ended)` : null}
          </>
        }
      />
    );
  }
  const b = r.broken!;
  return (
    <Notice
      tone="bad"
      title={`Chain broken at ${b.seq !== null ? `event #${b.seq}` : `position ${b.position}`} (${b.reason.replace('_', ' ')})`}
      text={
        <>
          {b.message} {r.checked.toLocaleString('en-US')} events before it verified.{' '}
          {r.brokenHref ? (
            <Link href={r.brokenHref} className="font-medium underline underline-offset-2">
              Show event #{b.seq}
            </Link>
          ) : null}
        </>
      }
    />
  );
}

function Notice({ tone, title, text }: { tone: 'good' | 'bad'; title: string; text: React.ReactNode }) {
  const Icon = tone === 'good' ? CircleCheck : CircleX;
  return (
    <div role="status" className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm ${tone === 'good' ? 'border-success/40 bg-success/10' : 'border-destructive/40 bg-destructive/10'}`}>
      <Icon className={`mt-0.5 size-4 shrink-0 ${tone === 'good' ? 'text-success' : 'text-destructive'}`} aria-hidden />
      <div>
        <p className="font-medium">{title}</p>
        <p className="text-xs text-muted-foreground">{text}</p>
      </div>
    </div>
  );
}
