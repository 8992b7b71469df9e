export async function register() {
  // Only the Node.js server process migrates and seeds; `next build` must never open the database.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { bootstrap } = await import('./db/bootstrap');
  await bootstrap();
}
