import { MarkdownDescription } from '@/components/forms/markdown-description';
import { TagsTable } from '@/components/forms/tags-table';
import { SetTagForm } from '@/components/experiments/run/set-tag-form';
import type { ActionState } from '@/lib/api/action';

type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The model's description in Markdown, editable by those with EDIT on the model. */
export function ModelDescription({ description, action }: { description: string | null; action?: Action }) {
  return (
    <MarkdownDescription
      idPrefix="model-description"
      description={description}
      action={action}
      emptyHint="Say what the model does, its inputs and who to ask, in Markdown."
      testId="model-description"
    />
  );
}

interface TagsProps {
  tags: [string, string][];
  /** Present for those with EDIT on the model: one set action, and a bound delete per key. */
  edit?: { set: Action; remove: Record<string, Action> };
}

/** The model's tags: a table, edited in place, deleted after a confirmation, added below. */
export function ModelTags({ tags, edit }: TagsProps) {
  return (
    <section aria-labelledby="model-tags-heading" className="flex flex-col gap-2">
      <h2 id="model-tags-heading" className="text-sm font-semibold">
        Tags <span className="font-normal text-muted-foreground">({tags.length})</span>
      </h2>
      {tags.length ? (
        <TagsTable label="Model tags" tags={tags} edit={edit} deleteDescription="The tag is removed from this model; its versions keep their own tags." rowTestId="model-tag-row" />
      ) : (
        <p className="text-sm text-muted-foreground">No tags yet.{edit ? ' Add one below.' : ''}</p>
      )}
      {edit ? <SetTagForm action={edit.set} idPrefix="model-tag" title="Add or change" /> : null}
    </section>
  );
}
