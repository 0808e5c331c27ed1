/**
 * Roles and what they may do: ONE table, role x action x scope, read by the core to enforce and
 * by the renderer only to hide what would be refused.
 *
 * An action (a `Permission` key such as 'cases.clinical') is what a channel declares; the core's
 * dispatcher refuses every role without an entry for it before the handler runs. The entry's
 * scope says how far the role reaches among the records of that kind; the handlers and their
 * queries narrow to it (the case gate, the student scope, the task list):
 *
 * - `all`: every record of the kind. For clinicians on shared clinical work (screening, alerts,
 *   triage, crisis) and for actions that are not about students at all (accounts, settings, rooms).
 *   For leadership `all` covers de-identified figures only: its channels return no identifying
 *   fields, whatever the data.
 * - `department`: records of students of the liaison's own department (the account's
 *   `department`, read afresh on each call: src-main/core/students/scope.ts). Other departments'
 *   students look absent (NOT_FOUND) or are refused (FORBIDDEN `otherDepartment`).
 * - `assigned`: cases where the account is the counselor, the supervisor of that counselor, or
 *   the author of the record (a note written before the case moved). Outside that a clinician
 *   must state a reason (break-glass), which opens the content for a while and waits in the
 *   director's review queue (src-main/core/access/case-access.ts). For co-signing: the notes of
 *   the supervisor's own supervisees.
 * - `own`: records the account created or that are assigned to it by name, e.g. follow-up tasks
 *   a liaison was given (within their department).
 *
 * Account and settings actions are global (`all`). Roles an account holds add up: the widest
 * scope of any of its roles applies (`scopeFor`).
 */
export const ROLES = [
  'admin', // 管理员
  'director', // 中心主任
  'counselor', // 咨询师
  'supervisor', // 督导
  'trainee', // 实习咨询师
  'liaison', // 院系辅导员
  'reception', // 接待
  'leadership', // 领导小组
] as const;

export type Role = (typeof ROLES)[number];

export const CLINICAL = ['director', 'counselor', 'supervisor', 'trainee'] as const;

/** Narrowest first: `scopeFor` returns the widest scope of an account's roles. */
export const SCOPES = ['own', 'assigned', 'department', 'all'] as const;
export type Scope = (typeof SCOPES)[number];

type Rule = Partial<Record<Role, Scope>>;

/** Every clinical role reaches all records of the kind (shared clinical work). */
const clinicalAll = { director: 'all', counselor: 'all', supervisor: 'all', trainee: 'all' } as const;
/** Case content: the director everywhere, other clinicians their assigned cases (break-glass beyond). */
const clinicalAssigned = { director: 'all', counselor: 'assigned', supervisor: 'assigned', trainee: 'assigned' } as const;

export const PERMISSION_SCOPES = {
  'accounts.manage': { admin: 'all' },
  'settings.manage': { admin: 'all', director: 'all' },
  'audit.verify': { admin: 'all', director: 'all' },
  /** Basic student data; liaisons only their own department's students. */
  'students.read': { ...clinicalAll, reception: 'all', liaison: 'department' },
  'students.write': { ...clinicalAll, reception: 'all' },
  'roster.import': { director: 'all', reception: 'all', counselor: 'all' },
  /** Give, type in and read assessments, item responses included (clinical content). */
  'assessments.clinical': clinicalAll,
  'alerts.read': clinicalAll,
  'alerts.acknowledge': clinicalAll,
  'instruments.manage': { director: 'all' },
  /** 普查: batches and assignment by the director; the import mechanics also by reception. */
  'census.manage': { director: 'all' },
  'census.import': { director: 'all', reception: 'all' },
  /** The follow-up list with screening reasons, and interview outcomes (clinical). */
  'census.clinical': clinicalAll,
  /** Completion counts and the interview list by department, no scores: liaisons their own department. */
  'census.read': { ...clinicalAll, reception: 'all', liaison: 'department' },
  /** 上报: anyone who works with students may file one; liaisons for their own department. */
  'reports.create': { ...clinicalAll, reception: 'all', liaison: 'department' },
  /** The triage queue with the observed signs (clinical). */
  'reports.triage': clinicalAll,
  /** Approve a trainee's closing of a report that raised a CRITICAL alert: their supervisor, or the director. */
  'reports.approveClose': { director: 'all', supervisor: 'assigned' },
  /** Intake, cases and notes: content of assigned cases; others by break-glass (reason, reviewed). */
  'cases.clinical': clinicalAssigned,
  /** That a student has an open case, and its risk level: no content. Counselors see the risk level of all. */
  'cases.status': { ...clinicalAll, liaison: 'department' },
  /** Approve closing a case whose student has a crisis event under way or a high C-SSRS result. */
  'cases.approveClose': { director: 'all' },
  /** Co-sign trainees' notes: a supervisor their own supervisees'. */
  'notes.cosign': { supervisor: 'assigned', director: 'all' },
  /** Unlock a signed note (with a reason). */
  'notes.unlock': { director: 'all' },
  /** The break-glass review queue. */
  'breakglass.review': { director: 'all' },
  /** 预约: the calendar and waitlist (no clinical content). */
  'calendar.read': { ...clinicalAll, reception: 'all' },
  'calendar.manage': { ...clinicalAll, reception: 'all' },
  /** Rooms and teaching weeks. */
  'calendar.configure': { admin: 'all', director: 'all' },
  /** 团体辅导 (group notes are clinical). */
  'groups.manage': clinicalAll,
  /** 心理健康教育活动 and trainings: not clinical, no student names. */
  'activities.manage': { ...clinicalAll, reception: 'all', liaison: 'department' },
  'activities.read': { ...clinicalAll, reception: 'all', leadership: 'all', liaison: 'department' },
  /** 培训 of the network's people: sessions, attendance, each person's hours (issue 17 item 3). */
  'training.manage': { director: 'all', counselor: 'all', supervisor: 'all' },
  'training.read': clinicalAll,
  /** 督导 sessions (no content): recorded by supervisors and the director; a counselor sees their own. */
  'supervision.manage': { director: 'all', supervisor: 'all' },
  'supervision.read': { director: 'all', supervisor: 'all', counselor: 'own', trainee: 'own' },
  /** 心理健康教育课程 per term (issue 17 item 4). */
  'courses.manage': { director: 'all', counselor: 'all' },
  'courses.read': clinicalAll,
  /** 工作网络 (the four levels' people): center staff keep it; liaisons read the school levels and their own 院系. */
  'network.manage': { director: 'all', counselor: 'all', supervisor: 'all', reception: 'all' },
  'network.read': { ...clinicalAll, reception: 'all', liaison: 'department' },
  /** 危机事件: open and work events, notifications, referrals, safety plans, disclosures, leave and return (on-duty access). */
  'crisis.manage': clinicalAll,
  /** Events of their own department's students: level and the steps assigned to them, no content (liaisons). */
  'crisis.read': { ...clinicalAll, liaison: 'department' },
  /** Approve closing an event and confidentiality exceptions. */
  'crisis.approve': { director: 'all' },
  /** The crisis protocol templates and the level scheme. */
  'crisis.configure': { director: 'all' },
  /** Summaries of major events, no names (leadership group). */
  'crisis.summary': { director: 'all', leadership: 'all' },
  /** 重点关注学生库. */
  'keyattention.manage': clinicalAll,
  /** Own department's list: level, responsible people, next review; not the reason (liaisons). */
  'keyattention.read': { ...clinicalAll, liaison: 'department' },
  /** Take a student off the list, or approve the responsible counselor's request to (issue 14 item 13). */
  'keyattention.approve': { director: 'all' },
  /** 家校沟通 log: clinicians every student's (with the crisis guardian notifications); liaisons only the contacts they recorded. */
  'family.read': { ...clinicalAll, liaison: 'own' },
  /** Record a family contact: liaisons for their own department's students. */
  'family.write': { ...clinicalAll, liaison: 'department' },
  /** 领导小组: escalations of top-level crisis events (启动应急预案) and their decisions (on-duty crisis work). */
  'leadership.manage': clinicalAll,
  /** Record the leadership group's approval (审定) of a crisis template or level scheme version. */
  'leadership.approve': { director: 'all' },
  /** The written part of the work report and its delivery to the leadership group. */
  'leadership.report': { director: 'all' },
  /** Follow-up tasks: clinicians all, liaisons the tasks assigned to them (in their department). */
  'followups.work': { ...clinicalAll, liaison: 'own' },
  /** 审计日志: browse, filter and export the audit log (who did what, when, where; never content). */
  'audit.read': { admin: 'all', director: 'all' },
  /** 档案: archived cases are found and opened (read-only) through the case gate. */
  'archive.read': clinicalAssigned,
  /** Legal holds, retention rules, destruction requests and carrying them out. */
  'archive.manage': { director: 'all' },
  /** Approve a destruction: the director and one other of these (what and why, never the content). */
  'archive.approve': { director: 'all', admin: 'all', supervisor: 'all' },
  /** 统计: de-identified figures (cells under 5 students suppressed for leadership and exports). */
  'statistics.read': { ...clinicalAll, leadership: 'all' },
  /** The school server, destinations, profiles and the schedule (admin). */
  'sync.configure': { admin: 'all' },
  /** Export now, import receipts and server updates, the export history. */
  'sync.run': { admin: 'all', director: 'all' },
  /** Encrypted backups: make, verify, schedule (admin); restore runs outside a session (CLI, setup). */
  'backup.manage': { admin: 'all' },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSION_SCOPES;

/** Who holds each action, at any scope (derived from the table above). */
export const PERMISSIONS = Object.fromEntries(
  Object.entries(PERMISSION_SCOPES).map(([permission, rule]) => [permission, ROLES.filter((role) => (rule as Rule)[role] !== undefined)]),
) as unknown as { readonly [P in Permission]: readonly Role[] };

/** `public`: callable while locked (status, setup, sign-in); `session`: any signed-in account. */
export type ChannelPermission = 'public' | 'session' | Permission;

export function isPermission(value: string): value is Permission {
  return Object.prototype.hasOwnProperty.call(PERMISSION_SCOPES, value);
}

/**
 * How far an account with these roles reaches for this action: the widest scope among its roles,
 * or null when none of them holds it. `public` and `session` channels are not about records.
 */
export function scopeFor(roles: readonly Role[], permission: ChannelPermission): Scope | null {
  if (permission === 'public' || permission === 'session') return 'all';
  // A permission missing from the table (a channel declared without a rule) is refused.
  const rule: Rule | undefined = isPermission(permission) ? PERMISSION_SCOPES[permission] : undefined;
  if (!rule) return null;
  let widest = -1;
  for (const role of roles) {
    const scope = rule[role];
    if (scope !== undefined) widest = Math.max(widest, SCOPES.indexOf(scope));
  }
  return widest < 0 ? null : SCOPES[widest];
}

/** The department scope of a liaison: they see only their own department's students. */
export function isDepartmentScoped(roles: readonly Role[]): boolean {
  return scopeFor(roles, 'students.read') === 'department';
}

export function rolesGrant(roles: readonly Role[], permission: ChannelPermission): boolean {
  return scopeFor(roles, permission) !== null;
}

/*
 * Role rules both the renderer and the core apply: one definition each, so a screen never offers
 * what the core then refuses, nor hides what it allows.
 */

/** A trainee with no licensed role besides (counselor, supervisor, director): their notes wait for the supervisor's co-signature, and their closing of a CRITICAL report needs a second look. */
export function isTraineeOnly(roles: readonly Role[]): boolean {
  return roles.includes('trainee') && !roles.some((role) => role === 'counselor' || role === 'supervisor' || role === 'director');
}

/** The center's director decides directly where others ask (key-attention removal, closing a case or a CRITICAL report, unowned work, everyone's tasks). */
export function isDirector(roles: readonly Role[]): boolean {
  return roles.includes('director');
}

/** The director, or the counselor the record belongs to (a case, a key-attention entry). */
export function isDirectorOrOwner(roles: readonly Role[], accountId: string, ownerId: string | null | undefined): boolean {
  return isDirector(roles) || (ownerId != null && ownerId === accountId);
}

/** Only a trainee account has a supervisor (who co-signs its notes). */
export function takesSupervisor(roles: readonly Role[]): boolean {
  return roles.includes('trainee');
}
