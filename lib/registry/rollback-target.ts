import 'server-only';
import type { Db } from '@/db/client';
import { RuleViolationError } from '@/lib/errors';
import { lockVersion, type ModelRow, type VersionRow } from './access';
import { previousProductionVersion } from './history';

/** The version a rollback puts back in Production: the one asked for, or the previous Production holder. */
export async function rollbackTarget(tx: Db, model: ModelRow, asked: number | undefined): Promise<VersionRow> {
  const number = asked ?? (await previousProductionVersion(tx, model.id));
  if (number === null) {
    throw new RuleViolationError('no_previous_production', `No earlier Production version of '${model.name}' exists to roll back to; name the version.`);
  }
  const version = await lockVersion(tx, { modelId: model.id, version: number }, `${model.name} v${number}`);
  if (version.stage === 'Production') throw new RuleViolationError('no_change', `${model.name} v${number} is already in Production.`);
  return version;
}
