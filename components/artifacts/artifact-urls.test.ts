import { describe, expect, it } from 'vitest';
import { artifactDownloadUrl, artifactListUrl, formatBytes, previewKind } from './artifact-urls';

describe('artifact urls and preview kinds', () => {
  it('encodes each path segment but keeps the slashes', () => {
    expect(artifactDownloadUrl('r1', 'model/data/weights v1#2.bin')).toBe('/api/v1/runs/r1/artifacts/model/data/weights%20v1%232.bin');
    expect(artifactListUrl('r1')).toBe('/api/v1/runs/r1/artifacts');
    expect(artifactListUrl('r1', 'a b/c')).toBe('/api/v1/runs/r1/artifacts?path=a%20b%2Fc');
  });

  it('previews images, JSON, CSV and text by name, and nothing else', () => {
    expect(previewKind('plots/roc.PNG')).toBe('image');
    expect(previewKind('metrics.json')).toBe('json');
    expect(previewKind('sample.csv')).toBe('csv');
    expect(previewKind('model/MLmodel')).toBe('text');
    expect(previewKind('notes.md')).toBe('text');
    expect(previewKind('model.pkl')).toBe('none');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(null)).toBe('');
  });
});
