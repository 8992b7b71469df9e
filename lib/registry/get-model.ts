import 'server-only';
import { defineService } from '@/lib/services/define-service';
import { getModelByName } from './access';
import { ModelRef } from './schemas';
import { toModelViews } from './views';

/** A model with its latest version, Production and Staging holders, aliases and pending request count. */
export const getModel = defineService({
  name: 'registry.get_model',
  permission: 'read',
  input: ModelRef,
  async run({ tx }, input) {
    const [view] = await toModelViews(tx, [await getModelByName(tx, input.name)]);
    return view;
  },
});
