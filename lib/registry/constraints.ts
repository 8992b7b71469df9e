import { registerConstraintMessages } from '@/lib/services/db-errors';

/** Human messages for the registry schema's named constraints, whichever door the call came through. */
registerConstraintMessages({
  registered_models_name_unique: { field: 'name', code: 'already_exists', message: 'A registered model with this name already exists.' },
  registered_models_name_not_blank: { field: 'name', message: 'Model name must not be blank.' },
  model_versions_number_unique_per_model: { field: 'version', code: 'version_conflict', message: 'This version number is already taken for the model; try again.' },
  model_versions_one_production_per_model: {
    field: 'stage',
    code: 'production_occupied',
    message: 'Another version of this model is already in Production; archive it first or ask for archiveExisting.',
  },
  model_versions_run_id_runs_id_fk: { field: 'runId', message: 'The source run does not exist.' },
  model_versions_stage_known: { field: 'stage', message: 'Stage must be None, Staging, Production or Archived.' },
  model_versions_status_known: { field: 'status', message: 'Status must be READY, PENDING_REGISTRATION or FAILED_REGISTRATION.' },
  model_aliases_name_rules: { field: 'alias', message: "Alias may only contain letters, digits, '_' and '-', and must not be 'latest' or 'v<digits>'." },
  registry_policies_approvals_range: { field: 'requiredApprovals', message: 'Required approvals must be between 0 and 10.' },
  registry_policies_score_range: { field: 'minComplianceScore', message: 'Minimum compliance score must be between 0 and 1.' },
  transition_requests_one_pending_per_target: {
    field: 'target',
    code: 'already_pending',
    message: 'A request for this version and target is already pending; decide or cancel it first.',
  },
  transition_requests_target_fits_kind: { field: 'target', message: 'The target does not fit the kind of request.' },
  transition_approvals_one_per_approver: { field: 'id', code: 'already_decided', message: 'You have already decided on this request.' },
});

export {};
