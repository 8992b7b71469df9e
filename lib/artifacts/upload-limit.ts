/** One file's upload cap: `ARTIFACTS_MAX_UPLOAD_BYTES`, or 2 GiB. */
export const DEFAULT_MAX_ARTIFACT_BYTES = 2 * 1024 ** 3;

export function maxUploadBytes(): number {
  const n = Number(process.env.ARTIFACTS_MAX_UPLOAD_BYTES);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_ARTIFACT_BYTES;
}
