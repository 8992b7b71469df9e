import type { Metadata } from 'next';
import { DomainNotBuilt } from '@/components/shell/domain-not-built';
import { requirePageActor } from '@/lib/auth/page-actor';

export const metadata: Metadata = { title: 'Experiments' };

export default async function ExperimentsPage() {
  await requirePageActor('read');
  return <DomainNotBuilt title="Experiments" what="Experiments, runs, params, metric histories and lineage, logged from the console, the REST API and MLflow clients." />;
}
