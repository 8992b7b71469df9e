import type { Role } from '@/db/schema/identity';

/** Demo sign-ins, one per role; printed at start-up while demo data is on. Never use them in production. */
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; password: string }[] = [
  { email: 'admin@modelkeep.local', name: 'Ada Admin', role: 'admin', password: 'modelkeep-admin' },
  { email: 'scientist@modelkeep.local', name: 'Sam Scientist', role: 'scientist', password: 'modelkeep-scientist' },
  { email: 'approver@modelkeep.local', name: 'Alex Approver', role: 'approver', password: 'modelkeep-approver' },
  { email: 'auditor@modelkeep.local', name: 'Avery Auditor', role: 'auditor', password: 'modelkeep-auditor' },
  { email: 'viewer@modelkeep.local', name: 'Vic Viewer', role: 'viewer', password: 'modelkeep-viewer' },
];
