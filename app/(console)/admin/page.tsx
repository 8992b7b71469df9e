import { redirect } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/page-actor';

export default async function AdminHome() {
  await requirePageActor('user.read');
  redirect('/admin/users');
}
