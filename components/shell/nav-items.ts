import { Activity, BarChart3, Boxes, FileCheck2, FileText, FlaskConical, KeyRound, ScrollText, ShieldCheck, Users } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { Permission } from '@/lib/auth/permissions';

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to roles holding this permission (the page itself checks the same one). */
  permission: Permission;
  /** A count shown beside the label (the sidebar fills it in). */
  badge?: 'sign-offs';
}

export const MAIN_NAV: NavItem[] = [
  { href: '/experiments', label: 'Experiments', icon: FlaskConical, permission: 'read' },
  { href: '/models', label: 'Models', icon: Boxes, permission: 'read' },
  { href: '/sign-offs', label: 'Sign-offs', icon: FileCheck2, permission: 'transition.decide', badge: 'sign-offs' },
  { href: '/monitoring', label: 'Monitoring', icon: Activity, permission: 'read' },
  { href: '/governance', label: 'Governance', icon: ShieldCheck, permission: 'read' },
  { href: '/audit', label: 'Audit', icon: ScrollText, permission: 'audit.read' },
  { href: '/reports', label: 'Reports', icon: BarChart3, permission: 'read' },
  { href: '/admin/users', label: 'Admin', icon: Users, permission: 'user.read' },
];

export const ACCOUNT_NAV: NavItem[] = [{ href: '/settings/tokens', label: 'API tokens', icon: KeyRound, permission: 'token.create' }];

export const DOCS_NAV: NavItem = { href: '/api/v1/openapi.json', label: 'API reference', icon: FileText, permission: 'read' };
