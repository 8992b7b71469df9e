import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { isAppError } from '@/lib/errors';
import { authenticatePassword } from './authenticate';
import { authSecret } from './auth-secret';
import { requestMetaFrom } from './request-meta';

/** Carries our reason (`invalid_credentials`, `rate_limited`) to the sign-in form. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// Sessions are signed JWT cookies holding only the user id; role and disabled state are read from the
// database on every request, so a role change or a disable takes effect at once.
export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { email: { label: 'Email' }, password: { label: 'Password', type: 'password' } },
      async authorize(credentials, request) {
        try {
          const actor = await authenticatePassword(String(credentials?.email ?? ''), String(credentials?.password ?? ''), requestMetaFrom(request.headers));
          return { id: actor.userId!, email: actor.email, name: actor.name };
        } catch (e) {
          if (isAppError(e) && e.kind === 'rate_limited') throw new SignInRefused('rate_limited');
          if (isAppError(e) && e.kind === 'unauthenticated') throw new SignInRefused('invalid_credentials');
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
