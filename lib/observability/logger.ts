import pino from 'pino';

/** Structured JSON logs on stdout; every request line carries its request id. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'modelkeep' },
  timestamp: pino.stdTimeFunctions.isoTime,
});
