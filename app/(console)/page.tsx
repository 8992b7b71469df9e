import { redirect } from 'next/navigation';
import { requirePageActor } from '@/lib/auth/page-actor';

export default async function Home() {
  await requirePageActor('read');
  redirect('/experiments');
}
