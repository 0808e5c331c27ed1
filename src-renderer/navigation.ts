import { channels } from '../src-shared/contract';
import { rolesGrant, type ChannelPermission, type Role } from '../src-shared/permissions';
import type { Route } from './router';

/** Menu sections, in order: daily work first, the system last. */
export const NAV_SECTIONS = ['daily', 'students', 'activities', 'census', 'review', 'oversight', 'system'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/** The side menu, by section and in order; each page is shown only to roles the core would let read it. */
export interface NavItem {
  route: Route;
  /** Shown when the roles grant this permission, or any of these. */
  permission: ChannelPermission | readonly ChannelPermission[];
  section: NavSection;
}

export function navItemVisible(roles: readonly Role[], item: NavItem): boolean {
  const permissions = typeof item.permission === 'string' ? [item.permission] : item.permission;
  return permissions.some((permission) => rolesGrant(roles, permission));
}

export const NAVIGATION: NavItem[] = [
  { route: 'workbench', permission: 'session', section: 'daily' },
  { route: 'triage', permission: 'reports.triage', section: 'daily' },
  { route: 'cases', permission: 'cases.clinical', section: 'daily' },
  { route: 'calendar', permission: 'calendar.read', section: 'daily' },
  { route: 'tasks', permission: 'followups.work', section: 'daily' },
  { route: 'students', permission: channels['students.search'].permission, section: 'students' },
  { route: 'crisis', permission: 'crisis.read', section: 'students' },
  { route: 'keyattention', permission: 'keyattention.read', section: 'students' },
  { route: 'family', permission: 'family.read', section: 'students' },
  { route: 'groups', permission: 'groups.manage', section: 'activities' },
  { route: 'activities', permission: 'activities.read', section: 'activities' },
  { route: 'training', permission: ['training.read', 'supervision.read'], section: 'activities' },
  { route: 'courses', permission: 'courses.read', section: 'activities' },
  { route: 'network', permission: 'network.read', section: 'activities' },
  { route: 'census', permission: channels['census.listBatches'].permission, section: 'census' },
  { route: 'instruments', permission: channels['instruments.configure'].permission, section: 'census' },
  { route: 'roster', permission: channels['roster.import'].permission, section: 'census' },
  { route: 'cosign', permission: 'notes.cosign', section: 'review' },
  { route: 'breakglass', permission: 'breakglass.review', section: 'review' },
  { route: 'disclosures', permission: 'crisis.approve', section: 'review' },
  { route: 'audit', permission: 'audit.read', section: 'oversight' },
  { route: 'archive', permission: ['archive.read', 'archive.approve'], section: 'oversight' },
  { route: 'statistics', permission: 'statistics.read', section: 'oversight' },
  { route: 'sync', permission: 'sync.run', section: 'system' },
  { route: 'backup', permission: 'backup.manage', section: 'system' },
  { route: 'accounts', permission: channels['accounts.list'].permission, section: 'system' },
  { route: 'settings', permission: channels['settings.get'].permission, section: 'system' },
  { route: 'password', permission: channels['auth.changePassword'].permission, section: 'system' },
  { route: 'about', permission: channels['system.about'].permission, section: 'system' },
];

/** Pages reached from another page, not from the menu, with the menu entry they belong to. */
export const SUBPAGES: Partial<Record<Route, { parent: Route; permission: ChannelPermission }>> = {
  student: { parent: 'students', permission: channels['students.get'].permission },
  /** Param: `student:<id>` or `report:<id>` (where the intake starts from). */
  intake: { parent: 'triage', permission: 'cases.clinical' },
  case: { parent: 'cases', permission: 'cases.clinical' },
  group: { parent: 'groups', permission: 'groups.manage' },
  crisisEvent: { parent: 'crisis', permission: 'crisis.read' },
  /** Param: `<document>:<id>` (crisis-report, referral-letter, safety-plan). */
  print: { parent: 'workbench', permission: 'crisis.manage' },
};
