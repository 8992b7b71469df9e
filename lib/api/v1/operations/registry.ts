import {
  AliasAtInput,
  AliasAtOutput,
  AliasLookup,
  AliasOutput,
  AliasRef,
  CreateModelInput,
  CreateVersionInput,
  DecideTransitionInput,
  DeleteModelTagInput,
  DeleteVersionTagInput,
  EmergencyRollbackInput,
  EmergencyRollbackOutput,
  GetPolicyInput,
  ListRequestsInput,
  ListRequestsOutput,
  ListVersionsInput,
  ListVersionsOutput,
  ModelRef,
  ModelView,
  PolicyView,
  RenameModelInput,
  RequestRef,
  RequestRollbackInput,
  RequestTransitionInput,
  RequestView,
  ResetPolicyInput,
  ReviewView,
  SearchModelsInput,
  SearchModelsOutput,
  SearchVersionsInput,
  SetAliasInput,
  SetModelTagInput,
  SetPolicyInput,
  SetVersionTagInput,
  StageAtInput,
  StageAtOutput,
  TimelineInput,
  TimelineOutput,
  TransitionOutput,
  UpdateModelInput,
  UpdateVersionInput,
  VersionRef,
  VersionView,
} from '@/lib/registry/schemas';
import { operation } from '../operation';

const TAG = 'registry';

// ------------------------------------------------------------------ models

export const searchModelsOp = operation({ id: 'searchModels', method: 'GET', path: '/models', tag: TAG, summary: 'Registered models by name, with latest version, Production/Staging holders, aliases and pending requests', permission: 'read', input: SearchModelsInput, output: SearchModelsOutput });
export const createModelOp = operation({ id: 'createModel', method: 'POST', path: '/models', tag: TAG, summary: 'Register a model owned by the caller', permission: 'model.create', input: CreateModelInput, output: ModelView, status: 201 });
export const getModelOp = operation({ id: 'getModel', method: 'GET', path: '/models/{name}', tag: TAG, summary: 'Get a registered model by name', permission: 'read', input: ModelRef, output: ModelView });
export const updateModelOp = operation({ id: 'updateModel', method: 'PATCH', path: '/models/{name}', tag: TAG, summary: 'Edit a model’s markdown description', permission: 'model.update', input: UpdateModelInput, output: ModelView });
export const deleteModelOp = operation({ id: 'deleteModel', method: 'DELETE', path: '/models/{name}', tag: TAG, summary: 'Delete a model with its versions (refused while a version is in Production)', permission: 'model.delete', input: ModelRef, output: ModelView });
export const renameModelOp = operation({ id: 'renameModel', method: 'POST', path: '/models/{name}/rename', tag: TAG, summary: 'Rename a model', permission: 'model.update', input: RenameModelInput, output: ModelView });
export const setModelTagOp = operation({ id: 'setModelTag', method: 'POST', path: '/models/{name}/tags', tag: TAG, summary: 'Set a tag on a model', permission: 'model.update', input: SetModelTagInput, output: ModelView });
export const deleteModelTagOp = operation({ id: 'deleteModelTag', method: 'DELETE', path: '/models/{name}/tags/{key}', tag: TAG, summary: 'Delete a tag of a model', permission: 'model.update', input: DeleteModelTagInput, output: ModelView });

// ------------------------------------------------------------------ versions

export const listVersionsOp = operation({ id: 'listModelVersions', method: 'GET', path: '/models/{name}/versions', tag: TAG, summary: 'A model’s versions, newest first, optionally in one stage', permission: 'read', input: ListVersionsInput, output: ListVersionsOutput });
export const createVersionOp = operation({
  id: 'createModelVersion',
  method: 'POST',
  path: '/models/{name}/versions',
  tag: TAG,
  summary: 'Register the next version of a model (numbered 1, 2, 3 … per model), optionally from a run, with its model card',
  permission: 'version.create',
  input: CreateVersionInput,
  output: VersionView,
  status: 201,
});
export const getVersionByNumberOp = operation({ id: 'getModelVersionByNumber', method: 'GET', path: '/models/{name}/versions/{version}', tag: TAG, summary: 'Get a version by model name and number', permission: 'read', input: VersionRef, output: VersionView });
export const searchVersionsOp = operation({ id: 'searchModelVersions', method: 'GET', path: '/model-versions', tag: TAG, summary: 'Versions across models by model name, source run or stage, newest first', permission: 'read', input: SearchVersionsInput, output: ListVersionsOutput });
export const getVersionOp = operation({ id: 'getModelVersion', method: 'GET', path: '/model-versions/{id}', tag: TAG, summary: 'Get a version by id', permission: 'read', input: VersionRef, output: VersionView });
export const updateVersionOp = operation({ id: 'updateModelVersion', method: 'PATCH', path: '/model-versions/{id}', tag: TAG, summary: 'Edit a version’s description, status or model card', permission: 'version.update', input: UpdateVersionInput, output: VersionView });
export const deleteVersionOp = operation({ id: 'deleteModelVersion', method: 'DELETE', path: '/model-versions/{id}', tag: TAG, summary: 'Delete a version (refused in Production); its number is not reused', permission: 'version.delete', input: VersionRef, output: VersionView });
export const setVersionTagOp = operation({ id: 'setModelVersionTag', method: 'POST', path: '/model-versions/{id}/tags', tag: TAG, summary: 'Set a tag on a version', permission: 'version.update', input: SetVersionTagInput, output: VersionView });
export const deleteVersionTagOp = operation({ id: 'deleteModelVersionTag', method: 'DELETE', path: '/model-versions/{id}/tags/{key}', tag: TAG, summary: 'Delete a tag of a version', permission: 'version.update', input: DeleteVersionTagInput, output: VersionView });

// ------------------------------------------------------------------ aliases and policy

export const getVersionByAliasOp = operation({ id: 'getModelVersionByAlias', method: 'GET', path: '/models/{name}/aliases/{alias}', tag: TAG, summary: 'The version an alias points at', permission: 'read', input: AliasLookup, output: VersionView });
export const setAliasOp = operation({ id: 'setModelAlias', method: 'PUT', path: '/models/{name}/aliases/{alias}', tag: TAG, summary: 'Point an alias at a version (422 alias_protected for a protected alias: request it instead)', permission: 'model.update', input: SetAliasInput, output: AliasOutput });
export const deleteAliasOp = operation({ id: 'deleteModelAlias', method: 'DELETE', path: '/models/{name}/aliases/{alias}', tag: TAG, summary: 'Remove an alias', permission: 'model.update', input: AliasRef, output: AliasOutput });
export const protectAliasOp = operation({ id: 'protectModelAlias', method: 'PUT', path: '/models/{name}/protected-aliases/{alias}', tag: TAG, summary: 'Protect an alias: it then moves only through approved requests', permission: 'alias.protect', input: AliasRef, output: AliasOutput });
export const unprotectAliasOp = operation({ id: 'unprotectModelAlias', method: 'DELETE', path: '/models/{name}/protected-aliases/{alias}', tag: TAG, summary: 'Lift an alias’s protection', permission: 'alias.protect', input: AliasRef, output: AliasOutput });
export const getPolicyOp = operation({ id: 'getRegistryPolicy', method: 'GET', path: '/models/{name}/policy', tag: TAG, summary: 'Approvals each target needs for this model, and where each rule comes from', permission: 'read', input: GetPolicyInput, output: PolicyView });
export const setPolicyOp = operation({ id: 'setRegistryPolicy', method: 'PUT', path: '/models/{name}/policy', tag: TAG, summary: 'Set the approvals a target needs for this model', permission: 'registry_policy.update', input: SetPolicyInput, output: PolicyView });
export const resetPolicyOp = operation({
  id: 'resetRegistryPolicy',
  method: 'DELETE',
  path: '/models/{name}/policy',
  tag: TAG,
  summary: 'Drop this model’s own approval rules so the default applies again (404 policy_not_found when it has none)',
  permission: 'registry_policy.update',
  input: ResetPolicyInput,
  output: PolicyView,
});

// ------------------------------------------------------------------ transitions

export const requestTransitionOp = operation({
  id: 'requestTransition',
  method: 'POST',
  path: '/model-versions/{id}/transition-requests',
  tag: TAG,
  summary: 'Request a stage transition or an alias move; applied at once when the policy needs 0 approvals',
  permission: 'transition.request',
  input: RequestTransitionInput,
  output: TransitionOutput,
  status: 201,
});
export const requestRollbackOp = operation({
  id: 'requestRollback',
  method: 'POST',
  path: '/models/{name}/rollback-requests',
  tag: TAG,
  summary: 'Request to put an earlier version (default: the previous Production holder) back in Production',
  permission: 'transition.request',
  input: RequestRollbackInput,
  output: TransitionOutput,
  status: 201,
});
export const emergencyRollbackOp = operation({
  id: 'emergencyRollback',
  method: 'POST',
  path: '/models/{name}/emergency-rollback',
  tag: TAG,
  summary: 'Admin: put an earlier version back in Production at once, without approval; a reason is required and audited',
  permission: 'rollback.emergency',
  input: EmergencyRollbackInput,
  output: EmergencyRollbackOutput,
});
export const listTransitionRequestsOp = operation({
  id: 'listTransitionRequests',
  method: 'GET',
  path: '/transition-requests',
  tag: TAG,
  summary: 'Requests (pending by default) with the candidate against the current holder: metrics, params, model-card completeness',
  permission: 'read',
  input: ListRequestsInput,
  output: ListRequestsOutput,
});
export const getTransitionRequestOp = operation({ id: 'getTransitionRequest', method: 'GET', path: '/transition-requests/{id}', tag: TAG, summary: 'One request with its review data', permission: 'read', input: RequestRef, output: ReviewView });
export const decideTransitionOp = operation({
  id: 'decideTransition',
  method: 'POST',
  path: '/transition-requests/{id}/decisions',
  tag: TAG,
  summary: 'Approve or reject a request (never one’s own: 403 four_eyes; 409 stale_request when things changed since)',
  permission: 'transition.decide',
  input: DecideTransitionInput,
  output: TransitionOutput,
});
export const cancelTransitionOp = operation({ id: 'cancelTransition', method: 'POST', path: '/transition-requests/{id}/cancel', tag: TAG, summary: 'Withdraw one’s own pending request', permission: 'transition.cancel', input: RequestRef, output: RequestView });

// ------------------------------------------------------------------ history

export const stageAtOp = operation({ id: 'getStageHolderAt', method: 'GET', path: '/models/{name}/stage-at', tag: TAG, summary: 'Which versions were in a stage at a given time', permission: 'read', input: StageAtInput, output: StageAtOutput });
export const aliasAtOp = operation({ id: 'getAliasHolderAt', method: 'GET', path: '/models/{name}/alias-at', tag: TAG, summary: 'Which version an alias pointed at, at a given time', permission: 'read', input: AliasAtInput, output: AliasAtOutput });
export const timelineOp = operation({ id: 'getModelTimeline', method: 'GET', path: '/models/{name}/timeline', tag: TAG, summary: 'Stage and alias history of a model, newest first', permission: 'read', input: TimelineInput, output: TimelineOutput });
