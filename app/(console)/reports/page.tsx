import type { Metadata } from 'next';
import { DomainNotBuilt } from '@/components/shell/domain-not-built';
import { requirePageActor } from '@/lib/auth/page-actor';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  await requirePageActor('read');
  return <DomainNotBuilt title="Reports" what="Executive portfolio reports that read well on screen and in print." />;
}
