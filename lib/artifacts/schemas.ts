import { z } from 'zod';
import { RunId } from '@/lib/experiments/schemas';

/** Shapes of the /api/v1 artifact operations (the console's artifact browser reads the same). */
export const ArtifactEntryView = z.object({ path: z.string().describe('relative to the run’s artifact root'), isDir: z.boolean(), size: z.number().int().nullable() });

export const ListRunArtifactsInput = z.object({ id: RunId, path: z.string().max(4096).optional().describe('folder inside the run’s artifacts; the root when absent') });
export const ListRunArtifactsOutput = z.object({ runId: z.string(), rootUri: z.string(), files: z.array(ArtifactEntryView) });
export const UploadRunArtifactOutput = z.object({ path: z.string(), size: z.number().int() });

