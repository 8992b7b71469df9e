import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import type { Actor } from './actor';
import { checkPermission } from './authorize';
import { loadSessionActor } from './authenticate';
import type { Permission } from './permissions';
import { requestMetaFrom } from './request-meta';
import { sessionUserId } from './request-actor';

/** The signed-in user of this request (pages, layouts, server actions), or null. Cached per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  const userId = await sessionUserId(h);
  return userId ? loadSessionActor(userId, requestMetaFrom(h)) : null;
});

/**
 * Every console page calls this first: no session → the sign-in page; a role without the permission →
 * the 403 page. The services check again, so a page can never widen what a role may do.
 */
export async function requirePageActor(permission: Permission): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  if (!checkPermission(actor, permission).ok) forbidden();
  return actor;
}
