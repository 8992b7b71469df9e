/** /api/v1 addresses of a run's artifacts; each path segment is encoded on its own so `/` keeps its meaning. */
export function encodeArtifactPath(path: string): string {
  return path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
}

export function artifactListUrl(runId: string, path = ''): string {
  return `/api/v1/runs/${encodeURIComponent(runId)}/artifacts${path ? `?path=${encodeURIComponent(path)}` : ''}`;
}

export function artifactDownloadUrl(runId: string, path: string): string {
  return `/api/v1/runs/${encodeURIComponent(runId)}/artifacts/${encodeArtifactPath(path)}`;
}

export type PreviewKind = 'image' | 'json' | 'csv' | 'text' | 'none';

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'svg', 'bmp']);
const TEXT = new Set(['txt', 'log', 'md', 'py', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'sh', 'r', 'sql', 'html', 'xml', 'ipynb']);
const TEXT_NAMES = new Set(['MLmodel', 'requirements.txt', 'conda.yaml', 'python_env.yaml', 'Dockerfile', 'LICENSE', 'README']);

/** How a file can be previewed, from its name alone. */
export function previewKind(path: string): PreviewKind {
  const name = path.split('/').pop() ?? '';
  if (TEXT_NAMES.has(name)) return 'text';
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (IMAGE.has(ext)) return 'image';
  if (ext === 'json') return 'json';
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (TEXT.has(ext)) return 'text';
  return 'none';
}

export function formatBytes(n: number | null): string {
  if (n === null) return '';
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}
