import { Construction } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';

/** Said plainly on a section whose domain has not shipped yet; nothing on it pretends to work. */
export function DomainNotBuilt({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={Construction} title={`${title} is not built yet`}>
        <p>{what}</p>
        <p className="mt-2">This section ships in a later release of Modelkeep; until then there is nothing to show or change here.</p>
      </EmptyState>
    </>
  );
}
