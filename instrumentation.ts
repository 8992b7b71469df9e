export async function register() {
  // Only the Node.js server process migrates and seeds; `next build` must never open the database.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { bootstrap } = await import('./db/bootstrap');
  await bootstrap();
  // Seal committed audit events into the hash chain in the background (every 500 ms; safe with several processes).
  const { startAuditSealLoop } = await import('./lib/audit/seal-audit-chain');
  startAuditSealLoop(Number(process.env.AUDIT_SEAL_INTERVAL_MS ?? 500));
}
