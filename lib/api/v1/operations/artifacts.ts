import { ListRunArtifactsInput, ListRunArtifactsOutput, UploadRunArtifactOutput } from '@/lib/artifacts/schemas';
import { operation } from '../operation';

const TAG = 'artifacts';

export const listRunArtifactsOp = operation({
  id: 'listRunArtifacts',
  method: 'GET',
  path: '/runs/{id}/artifacts',
  tag: TAG,
  summary: 'List one folder of a run’s artifacts',
  permission: 'read',
  input: ListRunArtifactsInput,
  output: ListRunArtifactsOutput,
});

export const downloadRunArtifactOp = operation({
  id: 'downloadRunArtifact',
  method: 'GET',
  path: '/runs/{id}/artifacts/{path}',
  tag: TAG,
  summary: 'Download one artifact file of a run (streamed, as an attachment)',
  permission: 'read',
  produces: ['application/octet-stream'],
});

export const uploadRunArtifactOp = operation({
  id: 'uploadRunArtifact',
  method: 'PUT',
  path: '/runs/{id}/artifacts/{path}',
  tag: TAG,
  summary: 'Upload one artifact file to a run: the request body is the file’s bytes, streamed to the store',
  permission: 'run.update',
  output: UploadRunArtifactOutput,
  status: 201,
});
