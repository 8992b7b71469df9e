import {
  ExperimentGrantInput,
  ExperimentGrantRevokeInput,
  ExperimentGrantsRef,
  GrantChangeView,
  GrantsView,
  ModelGrantInput,
  ModelGrantRevokeInput,
  ModelGrantsRef,
} from '@/lib/grants/schemas';
import { operation } from '../operation';

const TAG = 'grants';

export const listModelGrantsOp = operation({ id: 'listModelGrants', method: 'GET', path: '/models/{name}/grants', tag: TAG, summary: 'Owner and per-user grants (READ/EDIT/MANAGE) on a registered model, and whether the caller may manage them', permission: 'read', input: ModelGrantsRef, output: GrantsView });
export const putModelGrantOp = operation({
  id: 'putModelGrant',
  method: 'PUT',
  path: '/models/{name}/grants',
  tag: TAG,
  summary: 'Give a user (by email) READ, EDIT or MANAGE on a model, or change their level; needs MANAGE on the model. 422 unknown_user, grant_to_self, grant_to_owner',
  permission: 'grant.manage',
  input: ModelGrantInput,
  output: GrantChangeView,
});
export const deleteModelGrantOp = operation({ id: 'deleteModelGrant', method: 'DELETE', path: '/models/{name}/grants', tag: TAG, summary: 'Revoke a user’s grant on a model (query: email); needs MANAGE on the model', permission: 'grant.manage', input: ModelGrantRevokeInput, output: GrantChangeView });

export const listExperimentGrantsOp = operation({ id: 'listExperimentGrants', method: 'GET', path: '/experiments/{id}/grants', tag: TAG, summary: 'Owner and per-user grants (READ/EDIT/MANAGE) on an experiment, and whether the caller may manage them', permission: 'read', input: ExperimentGrantsRef, output: GrantsView });
export const putExperimentGrantOp = operation({
  id: 'putExperimentGrant',
  method: 'PUT',
  path: '/experiments/{id}/grants',
  tag: TAG,
  summary: 'Give a user (by email) READ, EDIT or MANAGE on an experiment, or change their level; needs MANAGE on the experiment. 422 unknown_user, grant_to_self, grant_to_owner, no_owner',
  permission: 'grant.manage',
  input: ExperimentGrantInput,
  output: GrantChangeView,
});
export const deleteExperimentGrantOp = operation({ id: 'deleteExperimentGrant', method: 'DELETE', path: '/experiments/{id}/grants', tag: TAG, summary: 'Revoke a user’s grant on an experiment (query: email); needs MANAGE on the experiment', permission: 'grant.manage', input: ExperimentGrantRevokeInput, output: GrantChangeView });
