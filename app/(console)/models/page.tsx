import type { Metadata } from 'next';
import { DomainNotBuilt } from '@/components/shell/domain-not-built';
import { requirePageActor } from '@/lib/auth/page-actor';

export const metadata: Metadata = { title: 'Models' };

export default async function ModelsPage() {
  await requirePageActor('read');
  return <DomainNotBuilt title="Models" what="The model registry: versions, stages, aliases, transition requests with approver sign-off, and rollback." />;
}
