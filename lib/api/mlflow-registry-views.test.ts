import { describe, expect, it } from 'vitest';
import type { ModelView, RequestView, VersionView } from '@/lib/registry/schemas';
import { latestVersionsOf, toMlflowActivity, toMlflowModelVersion, toMlflowRegisteredModel, toMlflowTransitionRequest } from './mlflow-registry-views';

const T0 = '2026-05-01T12:00:00.000Z';
const T1 = '2026-05-01T12:00:01.500Z';
const completeness = { filled: 0, total: 7, missing: [] };
const card = { intendedUse: null, limitations: null, trainingData: null, evaluationData: null, metricsSummary: null, ethicalConsiderations: null, owners: [] };

function versionView(over: Partial<VersionView> = {}): VersionView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    modelId: 'm1',
    modelName: 'churn',
    version: 3,
    source: 'runs:/abc/model',
    runId: 'abc',
    loggedModelId: null,
    description: null,
    status: 'READY',
    statusMessage: null,
    stage: 'Staging',
    stageUpdatedAt: T1,
    card,
    cardCompleteness: completeness,
    tags: {},
    aliases: [],
    createdBy: 'u1',
    createdAt: T0,
    updatedAt: T1,
    ...over,
  };
}

function modelView(over: Partial<ModelView> = {}): ModelView {
  return {
    id: 'm1',
    name: 'churn',
    description: null,
    ownerId: 'u1',
    ownerEmail: 'ana@example.com',
    tags: {},
    createdAt: T0,
    updatedAt: T1,
    versionCount: 0,
    latestVersion: null,
    production: null,
    staging: [],
    aliases: [],
    pendingRequests: 0,
    ...over,
  };
}

const user = (id: string) => ({ id, email: `${id}@example.com`, name: null });

function requestView(over: Partial<RequestView> = {}): RequestView {
  return {
    id: 'r1',
    modelId: 'm1',
    modelName: 'churn',
    versionId: 'v1',
    version: 3,
    kind: 'stage',
    target: 'Production',
    archiveExisting: true,
    comment: null,
    status: 'pending',
    requestedBy: user('ana'),
    createdAt: T0,
    decidedAt: null,
    decidedBy: null,
    stageAtRequest: 'Staging',
    holderAtRequest: null,
    requiredApprovals: 1,
    approvals: [],
    stale: false,
    ...over,
  };
}

describe('toMlflowModelVersion', () => {
  it('writes the version as a string, timestamps in ms and the stage as current_stage, leaving out unset fields', () => {
    expect(toMlflowModelVersion(versionView())).toEqual({
      name: 'churn',
      version: '3',
      creation_timestamp: Date.parse(T0),
      last_updated_timestamp: Date.parse(T1),
      user_id: 'u1',
      current_stage: 'Staging',
      source: 'runs:/abc/model',
      run_id: 'abc',
      status: 'READY',
    });
  });

  it('lists tags as {key, value} and aliases as strings', () => {
    const v = toMlflowModelVersion(versionView({ tags: { team: 'x' }, aliases: ['champion'], description: 'hi', statusMessage: 'ok' }));
    expect(v).toMatchObject({ tags: [{ key: 'team', value: 'x' }], aliases: ['champion'], description: 'hi', status_message: 'ok' });
  });

  it('names the logged model a version was registered from as model_id (MLflow 3)', () => {
    const id = 'm-0123456789abcdef0123456789abcdef';
    expect(toMlflowModelVersion(versionView({ source: `models:/${id}`, loggedModelId: id }))).toMatchObject({ source: `models:/${id}`, run_id: 'abc', model_id: id });
  });
});

describe('toMlflowRegisteredModel', () => {
  it('keeps assigned aliases only, with string versions, and the owner as user_id', () => {
    const m = toMlflowRegisteredModel(
      modelView({
        tags: { a: '1' },
        aliases: [
          { alias: 'champion', version: 2, versionId: 'v2', protected: true },
          { alias: 'reserved', version: null, versionId: null, protected: true },
        ],
      }),
    );
    expect(m).toEqual({
      name: 'churn',
      creation_timestamp: Date.parse(T0),
      last_updated_timestamp: Date.parse(T1),
      user_id: 'ana@example.com',
      tags: [{ key: 'a', value: '1' }],
      aliases: [{ alias: 'champion', version: '2' }],
    });
  });

  it('lists the newest version of each stage the view knows, by version', () => {
    const brief = (version: number, stage: 'None' | 'Staging' | 'Production') => ({ id: `v${version}`, version, stage, status: 'READY' as const, createdAt: T0 });
    const latest = latestVersionsOf(modelView({ latestVersion: brief(5, 'None'), production: brief(2, 'Production'), staging: [brief(3, 'Staging'), brief(4, 'Staging')] }));
    expect(latest.map((v) => [v.version, v.current_stage])).toEqual([
      ['2', 'Production'],
      ['4', 'Staging'],
      ['5', 'None'],
    ]);
  });
});

describe('transition requests', () => {
  it('maps a request to Databricks’ shape with its id', () => {
    expect(toMlflowTransitionRequest(requestView({ comment: 'ship it' }))).toEqual({ id: 'r1', creation_timestamp: Date.parse(T0), to_stage: 'Production', user_id: 'ana@example.com', comment: 'ship it' });
  });

  it('reports the decider’s own approval as the activity', () => {
    const r = requestView({ status: 'approved', approvals: [{ approver: user('bo'), decision: 'approve', comment: 'fine', decidedAt: T1 }] });
    expect(toMlflowActivity(r, 'approve', 'bo')).toEqual({
      id: 'r1',
      activity_type: 'APPROVED_REQUEST',
      from_stage: 'Staging',
      to_stage: 'Production',
      user_id: 'bo@example.com',
      creation_timestamp: Date.parse(T1),
      comment: 'fine',
    });
  });
});
