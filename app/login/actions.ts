'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import type { ActionState } from '@/lib/api/action';
import { signIn, signOut } from '@/lib/auth/next-auth';

const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Invalid email or password.',
  rate_limited: 'Too many failed sign-in attempts. Wait 15 minutes and try again.',
};

function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === 'string' ? value : '';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/experiments';
}

// Signing in is the one action without an actor: it is how an actor comes to be. Throttling and
// the same-message-for-unknown-email rule live in lib/auth/authenticate.ts.
export async function signInAction(_prev: ActionState<{ email: string }>, form: FormData): Promise<ActionState<{ email: string }>> {
  const data = { email: String(form.get('email') ?? '') };
  try {
    await signIn('credentials', { email: form.get('email'), password: form.get('password'), redirectTo: safeNext(form.get('next')) });
    return { ok: true };
  } catch (e) {
    if (e instanceof CredentialsSignin) return { ok: false, code: e.code, message: MESSAGES[e.code] ?? MESSAGES.invalid_credentials, data };
    if (e instanceof AuthError) return { ok: false, code: 'auth_error', message: 'Sign-in failed. Try again.', data };
    throw e; // the redirect after a successful sign-in travels as an exception
  }
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
