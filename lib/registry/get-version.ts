import 'server-only';
import { defineService } from '@/lib/services/define-service';
import { findVersion } from './access';
import { VersionRef } from './schemas';
import { loadVersionView } from './views';

/** One version with its model card, card completeness, tags and aliases. */
export const getVersion = defineService({
  name: 'registry.get_version',
  permission: 'read',
  input: VersionRef,
  async run({ tx }, input) {
    const { version } = await findVersion(tx, input);
    return loadVersionView(tx, version.id);
  },
});
