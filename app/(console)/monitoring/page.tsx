import type { Metadata } from 'next';
import { DomainNotBuilt } from '@/components/shell/domain-not-built';
import { requirePageActor } from '@/lib/auth/page-actor';

export const metadata: Metadata = { title: 'Monitoring' };

export default async function MonitoringPage() {
  await requirePageActor('read');
  return <DomainNotBuilt title="Monitoring" what="Telemetry per deployment: feature drift (KS, PSI, Jensen-Shannon, Wasserstein, chi-square), latency percentiles and alerts." />;
}
