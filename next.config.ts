import type { NextConfig } from 'next';

const config: NextConfig = {
  // Separate build folders let a test server and a dev server run side by side.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pino', 'prom-client', 'bcryptjs'],
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  // The dev server's own address is localhost; opened as 127.0.0.1 its hot-reload socket would be refused
  // as cross-origin, and the page would reload over and over.
  allowedDevOrigins: ['127.0.0.1'],
};

export default config;
