import { describe, expect, it } from 'vitest';
import { ValidationError } from '@/lib/errors';
import { normalizeArtifactPath, parseRunArtifactPath, runArtifactStorePath, runArtifactUri } from './artifact-path';

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
