'use client';

import { ChevronDown, ChevronRight, File, Folder, FolderOpen } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { ArtifactPreview } from './artifact-preview';
import { artifactListUrl, formatBytes } from './artifact-urls';

interface Entry {
  path: string;
  isDir: boolean;
  size: number | null;
}

type Dir = { status: 'loading' } | { status: 'ok'; entries: Entry[] } | { status: 'error'; message: string };

const baseName = (path: string) => path.split('/').pop() ?? path;

async function fetchListing(runId: string, path: string): Promise<Dir> {
  try {
    const res = await fetch(artifactListUrl(runId, path), { credentials: 'same-origin', cache: 'no-store' });
    const body = (await res.json().catch(() => null)) as { files?: Entry[]; error?: { message?: string } } | null;
    if (!res.ok) return { status: 'error', message: body?.error?.message ?? `Could not list artifacts (HTTP ${res.status}).` };
    return { status: 'ok', entries: body?.files ?? [] };
  } catch {
    return { status: 'error', message: 'Could not reach the server to list artifacts.' };
  }
}

interface TreeProps {
  runId: string;
  path: string;
  depth: number;
  dirs: Record<string, Dir>;
  expanded: Set<string>;
  selected: string | null;
  onToggle: (path: string) => void;
  onSelect: (entry: Entry) => void;
}

function TreeLevel({ path, depth, dirs, ...rest }: TreeProps) {
  const dir = dirs[path];
  const pad = { paddingLeft: `${depth * 1 + 0.5}rem` };
  if (!dir || dir.status === 'loading') return <li role="none" className="px-2 py-1 text-xs text-muted-foreground" style={pad}>Loading…</li>;
  if (dir.status === 'error') return <li role="none" className="px-2 py-1 text-xs text-destructive" style={pad}>{dir.message}</li>;
  if (dir.entries.length === 0) return <li role="none" className="px-2 py-1 text-xs italic text-muted-foreground" style={pad}>empty folder</li>;
  return (
    <>
      {dir.entries.map((e) => {
        const open = rest.expanded.has(e.path);
        const isSelected = rest.selected === e.path;
        const Icon = e.isDir ? (open ? FolderOpen : Folder) : File;
        return (
          <li key={e.path} role="treeitem" aria-level={depth + 1} aria-expanded={e.isDir ? open : undefined} aria-selected={e.isDir ? undefined : isSelected}>
            <button
              type="button"
              onClick={() => (e.isDir ? rest.onToggle(e.path) : rest.onSelect(e))}
              className={`flex w-full items-center gap-1.5 rounded-sm px-2 py-1 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring ${isSelected ? 'bg-muted font-medium' : ''}`}
              style={pad}
            >
              {e.isDir ? open ? <ChevronDown className="size-3.5 shrink-0" aria-hidden /> : <ChevronRight className="size-3.5 shrink-0" aria-hidden /> : <span className="w-3.5 shrink-0" />}
              <Icon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
              <span className="truncate">{baseName(e.path)}</span>
              {!e.isDir && e.size !== null ? <span className="ml-auto shrink-0 pl-2 text-xs tabular-nums text-muted-foreground">{formatBytes(e.size)}</span> : null}
            </button>
            {e.isDir && open ? (
              <ul role="group">
                <TreeLevel {...rest} path={e.path} depth={depth + 1} dirs={dirs} />
              </ul>
            ) : null}
          </li>
        );
      })}
    </>
  );
}

/**
 * A run's artifacts as a folder tree (each folder listed when first opened) beside a preview of the
 * selected file: text, pretty JSON, the first rows of a CSV, images; every file can be downloaded.
 * Reads /api/v1 with the console session, so it shows what the signed-in person may read.
 */
export function ArtifactBrowser({ runId }: { runId: string }) {
  const [dirs, setDirs] = useState<Record<string, Dir>>({ '': { status: 'loading' } });
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [selected, setSelected] = useState<Entry | null>(null);

  const load = useCallback(
    async (path: string) => {
      const dir = await fetchListing(runId, path);
      setDirs((prev) => ({ ...prev, [path]: dir }));
    },
    [runId],
  );

  useEffect(() => {
    let live = true;
    fetchListing(runId, '').then((dir) => {
      if (live) setDirs((prev) => ({ ...prev, '': dir }));
    });
    return () => {
      live = false;
    };
  }, [runId]);

  const onToggle = (path: string) => {
    const next = new Set(expanded);
    if (next.has(path)) next.delete(path);
    else {
      next.add(path);
      if (!dirs[path] || dirs[path].status === 'error') {
        setDirs((prev) => ({ ...prev, [path]: { status: 'loading' } }));
        void load(path);
      }
    }
    setExpanded(next);
  };

  const root = dirs[''];
  if (root?.status === 'ok' && root.entries.length === 0) {
    return (
      <EmptyState icon={FolderOpen} title="No artifacts yet">
        Files logged with <code className="font-mono">mlflow.log_artifact()</code> or uploaded through the API appear here.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-3 md:grid-cols-[minmax(14rem,20rem)_1fr]">
      <nav aria-label="Artifacts" className="rounded-md border p-1">
        <ul role="tree" aria-label="Run artifacts">
          <TreeLevel runId={runId} path="" depth={0} dirs={dirs} expanded={expanded} selected={selected?.path ?? null} onToggle={onToggle} onSelect={setSelected} />
        </ul>
      </nav>
      {selected ? (
        <ArtifactPreview key={selected.path} runId={runId} path={selected.path} size={selected.size} />
      ) : (
        <p className="self-start rounded-md border border-dashed p-6 text-sm text-muted-foreground">Select a file to preview or download it.</p>
      )}
    </div>
  );
}
