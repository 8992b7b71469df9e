import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NewRunForm } from '@/components/experiments/run/new-run-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageActor } from '@/lib/auth/page-actor';
import { isAppError } from '@/lib/errors';
import { getExperiment } from '@/lib/experiments/get-experiment';
import { searchRuns } from '@/lib/experiments/search-runs';
import { createRunAction } from '../actions';

export const metadata: Metadata = { title: 'New run · Experiments' };

/** Parent choices: the latest runs of the experiment; older ones can still be nested through the API. */
const PARENT_CHOICES = 200;

export default async function NewRunPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePageActor('run.create');
  const { id } = await params;
  if (!/^\d{1,15}$/.test(id)) notFound();
  const experiment = await getExperiment(actor, { id }).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') notFound();
    throw e;
  });
  const { runs } = await searchRuns(actor, { experimentIds: [id], maxResults: PARENT_CHOICES });
  return (
    <>
      <Link href={`/experiments/${id}`} className="mb-2 inline-flex w-fit items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-3.5" aria-hidden />
        {experiment.name}
      </Link>
      <PageHeader title="New run" description={`Starts a run in “${experiment.name}”. Log params, metrics and tags on its page, then end it.`} />
      {experiment.lifecycleStage === 'deleted' ? (
        <p className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">This experiment is in the trash; restore it before starting runs in it.</p>
      ) : (
        <NewRunForm action={createRunAction.bind(null, id)} experimentId={id} parents={runs.map((r) => ({ id: r.id, name: r.name }))} />
      )}
    </>
  );
}
