import { channels } from '../src-shared/contract';
import type { ChannelPermission } from '../src-shared/permissions';
import type { Route } from './router';

/** The side menu, in order; each page is shown only to roles the core would let read it. */
export const NAVIGATION: { route: Route; permission: ChannelPermission }[] = [
  { route: 'workbench', permission: 'session' },
  { route: 'students', permission: channels['students.search'].permission },
  { route: 'triage', permission: 'reports.triage' },
  { route: 'cases', permission: 'cases.clinical' },
  { route: 'crisis', permission: 'crisis.read' },
  { route: 'keyattention', permission: 'keyattention.read' },
  { route: 'tasks', permission: 'followups.work' },
  { route: 'calendar', permission: 'calendar.read' },
  { route: 'groups', permission: 'groups.manage' },
  { route: 'activities', permission: 'activities.read' },
  { route: 'cosign', permission: 'notes.cosign' },
  { route: 'breakglass', permission: 'breakglass.review' },
  { route: 'disclosures', permission: 'crisis.approve' },
  { route: 'roster', permission: channels['roster.import'].permission },
  { route: 'census', permission: channels['census.listBatches'].permission },
  { route: 'instruments', permission: channels['instruments.configure'].permission },
  { route: 'accounts', permission: channels['accounts.list'].permission },
  { route: 'settings', permission: channels['settings.get'].permission },
  { route: 'password', permission: channels['auth.changePassword'].permission },
  { route: 'about', permission: channels['system.about'].permission },
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
