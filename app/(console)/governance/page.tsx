import type { Metadata } from 'next';
import { DomainNotBuilt } from '@/components/shell/domain-not-built';
import { requirePageActor } from '@/lib/auth/page-actor';

export const metadata: Metadata = { title: 'Governance' };

export default async function GovernancePage() {
  await requirePageActor('read');
  return <DomainNotBuilt title="Governance" what="Policies, compliance scores per model version with evidence, and model cards." />;
}
