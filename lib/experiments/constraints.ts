import { registerConstraintMessages } from '@/lib/services/db-errors';

/** Human messages for the tracking schema's named constraints, whichever door the call came through. */
registerConstraintMessages({
  experiments_name_unique: {
    field: 'name',
    code: 'already_exists',
    message: 'An experiment with this name already exists (perhaps deleted: restore it, or purge it first).',
  },
  experiments_name_not_blank: { field: 'name', message: 'Experiment name must not be blank.' },
  experiments_lifecycle_known: { field: 'lifecycleStage', message: 'Lifecycle stage must be active or deleted.' },
  runs_id_hex32: { field: 'id', message: 'Run id must be 32 hex characters.' },
  runs_status_known: { field: 'status', message: 'Unknown run status.' },
  runs_lifecycle_known: { field: 'lifecycleStage', message: 'Lifecycle stage must be active or deleted.' },
  runs_end_after_start: { field: 'endTime', message: 'End time must not be before the start time.' },
  runs_parent_fk: { field: 'parentRunId', message: 'The parent run does not exist.' },
  runs_experiment_id_experiments_id_fk: { field: 'experimentId', message: 'The experiment does not exist.' },
  params_value_length: { field: 'value', message: 'Param value must be at most 6000 characters.' },
  params_pk: { field: 'key', code: 'param_immutable', message: 'This param is already logged on the run; params cannot be changed.' },
  datasets_identity_unique: { field: 'digest', code: 'already_exists', message: 'This dataset (name and digest) already exists in the experiment.' },
});

export {};
