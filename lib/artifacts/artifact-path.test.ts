import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { normalizeArtifactPath, parseModelArtifactPath, parseRunArtifactPath, proxiedStorePath, runArtifactStorePath, runArtifactUri } from './artifact-path';

const RUN = '0123456789abcdef0123456789abcdef';

describe('normalizeArtifactPath', () => {
  it('cleans empty and dot segments and trailing slashes', () => {
    expect(normalizeArtifactPath('a//b/./c/')).toBe('a/b/c');
    expect(normalizeArtifactPath('')).toBe('');
    expect(normalizeArtifactPath(undefined)).toBe('');
    expect(normalizeArtifactPath('model/data..json')).toBe('model/data..json');
  });

  it.each(['..', '../x', 'a/../../b', '/abs', 'C:/x', 'a\\b', 'a\0b', 'a/%2e%2e/b'])('refuses %j', (p) => {
    expect(() => normalizeArtifactPath(p)).toThrow(ValidationError);
  });
});

describe('run artifact locations', () => {
  it('parses <experiment>/<run>/artifacts/<rest>', () => {
    expect(parseRunArtifactPath(`12/${RUN}/artifacts/model/MLmodel`)).toEqual({ experimentId: '12', runId: RUN, relative: 'model/MLmodel' });
    expect(parseRunArtifactPath(`12/${RUN}/artifacts`)).toEqual({ experimentId: '12', runId: RUN, relative: '' });
    expect(parseRunArtifactPath(`12/${RUN}/other`)).toBeNull();
    expect(parseRunArtifactPath('12')).toBeNull();
  });

  it('derives the store path from mlflow-artifacts URIs, or from experiment and run when the URI is missing or foreign', () => {
    expect(runArtifactUri(3, RUN)).toBe(`mlflow-artifacts:/3/${RUN}/artifacts`);
    expect(runArtifactStorePath({ id: RUN, experimentId: 3, artifactUri: `mlflow-artifacts:/3/${RUN}/artifacts` })).toBe(`3/${RUN}/artifacts`);
    expect(runArtifactStorePath({ id: RUN, experimentId: 3, artifactUri: `mlflow-artifacts://host:5000/3/${RUN}/artifacts` })).toBe(`3/${RUN}/artifacts`);
    expect(runArtifactStorePath({ id: RUN, experimentId: 3, artifactUri: null })).toBe(`3/${RUN}/artifacts`);
    expect(runArtifactStorePath({ id: RUN, experimentId: 3, artifactUri: 's3://bucket/x' })).toBe(`3/${RUN}/artifacts`);
  });
});

describe('logged model artifact locations', () => {
  const MODEL = 'm-0123456789abcdef0123456789abcdef';

  it('parses <experiment>/models/<model_id>/artifacts/<rest>, and nothing else', () => {
    expect(parseModelArtifactPath(`12/models/${MODEL}/artifacts/MLmodel`)).toEqual({ experimentId: '12', modelId: MODEL, relative: 'MLmodel' });
    expect(parseModelArtifactPath(`12/models/${MODEL}/artifacts`)).toEqual({ experimentId: '12', modelId: MODEL, relative: '' });
    expect(parseModelArtifactPath(`12/models/${MODEL}`)).toBeNull();
    expect(parseModelArtifactPath(`12/models/m-xyz/artifacts/a`)).toBeNull();
    expect(parseModelArtifactPath(`12/${RUN}/artifacts/models/${MODEL}/artifacts/a`)).toBeNull();
    expect(parseRunArtifactPath(`12/models/${MODEL}/artifacts/MLmodel`)).toBeNull();
  });

  it('reads the store path from mlflow-artifacts URIs only', () => {
    expect(proxiedStorePath(`mlflow-artifacts:/12/models/${MODEL}/artifacts`)).toBe(`12/models/${MODEL}/artifacts`);
    expect(proxiedStorePath(`mlflow-artifacts://host:5000/12/models/${MODEL}/artifacts/`)).toBe(`12/models/${MODEL}/artifacts`);
    expect(proxiedStorePath('s3://bucket/12/models')).toBeNull();
    expect(proxiedStorePath(null)).toBeNull();
    expect(() => proxiedStorePath('mlflow-artifacts:/12/../etc')).toThrow(ValidationError);
  });
});
