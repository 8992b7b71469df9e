import { MarkdownDescription } from '@/components/forms/markdown-description';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The run's notes as Markdown, editable by those who may update the run. */
export function RunDescription({ description, action, canEdit }: { description: string | null; action: Action; canEdit: boolean }) {
  return <MarkdownDescription idPrefix="run-description" description={description} action={canEdit ? action : undefined} emptyHint="Add notes on what this run tried, in Markdown." />;
}
