import type { NextConfig } from 'next';

const config: NextConfig = {
  // Separate build folders let a test server and a dev server run side by side.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'prom-client', 'bcryptjs'],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
};

export default config;
