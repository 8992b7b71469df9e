// Auth.js's own endpoints (sign-in callback, session, sign-out); they authenticate by definition.
import { handlers } from '@/lib/auth/next-auth';

export const { GET, POST } = handlers;
