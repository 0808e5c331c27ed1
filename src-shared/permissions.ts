/**
 * Roles and what they may do: one table, read by the core to enforce and by the renderer only to
 * hide what would be refused. Scopes (own / assigned / department / all) arrive with the record
 * kinds that need them; account and settings actions are global.
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

export const PERMISSIONS = {
  'accounts.manage': ['admin'],
  'settings.manage': ['admin', 'director'],
  'audit.verify': ['admin', 'director'],
  /** Basic student data; liaisons are scoped to their own department by the core. */
  'students.read': [...CLINICAL, 'reception', 'liaison'],
  'students.write': [...CLINICAL, 'reception'],
  'roster.import': ['director', 'reception', 'counselor'],
  /** Give, type in and read assessments, item responses included (clinical content). */
  'assessments.clinical': [...CLINICAL],
  'alerts.read': [...CLINICAL],
  'alerts.acknowledge': [...CLINICAL],
  'instruments.manage': ['director'],
  /** 普查: batches and assignment by the director; the import mechanics also by reception. */
  'census.manage': ['director'],
  'census.import': ['director', 'reception'],
  /** The follow-up list with screening reasons, and interview outcomes (clinical). */
  'census.clinical': [...CLINICAL],
  /** Completion counts by department, no scores: liaisons see their own department. */
  'census.read': [...CLINICAL, 'reception', 'liaison'],
  /** 上报: anyone who works with students may file one; liaisons for their own department. */
  'reports.create': [...CLINICAL, 'reception', 'liaison'],
  /** The triage queue with the observed signs (clinical). */
  'reports.triage': [...CLINICAL],
  /** Intake, cases and notes. Reading a case's clinical content also needs assignment (or break-glass). */
  'cases.clinical': [...CLINICAL],
  /** That a student has an open case, and its risk level: no content. */
  'cases.status': [...CLINICAL, 'liaison'],
  /** Co-sign trainees' notes. */
  'notes.cosign': ['supervisor', 'director'],
  /** Unlock a signed note (with a reason). */
  'notes.unlock': ['director'],
  /** The break-glass review queue. */
  'breakglass.review': ['director'],
  /** 预约: the calendar and waitlist (no clinical content). */
  'calendar.read': [...CLINICAL, 'reception'],
  'calendar.manage': [...CLINICAL, 'reception'],
  /** Rooms and teaching weeks. */
  'calendar.configure': ['admin', 'director'],
  /** 团体辅导 (group notes are clinical). */
  'groups.manage': [...CLINICAL],
  /** 心理健康教育活动 and trainings: not clinical. */
  'activities.manage': [...CLINICAL, 'reception'],
  'activities.read': [...CLINICAL, 'reception', 'leadership'],
  /** 危机事件: open and work events, notifications, referrals, safety plans, disclosures, leave and return. */
  'crisis.manage': [...CLINICAL],
  /** Events of their own department's students: level and the steps assigned to them, no content (liaisons). */
  'crisis.read': [...CLINICAL, 'liaison'],
  /** Approve closing an event and confidentiality exceptions. */
  'crisis.approve': ['director'],
  /** The crisis protocol templates and the level scheme. */
  'crisis.configure': ['director'],
  /** Summaries of major events, no names (leadership group). */
  'crisis.summary': ['director', 'leadership'],
  /** 重点关注学生库. */
  'keyattention.manage': [...CLINICAL],
  /** Own department's list: level, responsible people, next review; not the reason (liaisons). */
  'keyattention.read': [...CLINICAL, 'liaison'],
  /** Follow-up tasks: clinicians, and liaisons for tasks assigned to them. */
  'followups.work': [...CLINICAL, 'liaison'],
  /** 审计日志: browse, filter and export the audit log (who did what, when, where). */
  'audit.read': ['admin', 'director'],
  /** 档案: archived cases are found and opened (read-only) through the case gate. */
  'archive.read': [...CLINICAL],
  /** Legal holds, retention rules, destruction requests and carrying them out. */
  'archive.manage': ['director'],
  /** Approve a destruction: the director and one other of these. */
  'archive.approve': ['director', 'admin', 'supervisor'],
  /** 统计: de-identified figures (cells under 5 students suppressed for leadership and exports). */
  'statistics.read': [...CLINICAL, 'leadership'],
  /** The school server, destinations, profiles and the schedule (admin). */
  'sync.configure': ['admin'],
  /** Export now, import receipts and server updates, the export history. */
  'sync.run': ['admin', 'director'],
  /** Encrypted backups: make, verify, schedule (admin); restore runs outside a session (CLI, setup). */
  'backup.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** `public`: callable while locked (status, setup, sign-in); `session`: any signed-in account. */
export type ChannelPermission = 'public' | 'session' | Permission;

/** The department scope of a liaison: they see only their own department's students. */
export function isDepartmentScoped(roles: readonly Role[]): boolean {
  const unscoped: readonly Role[] = [...CLINICAL, 'reception'];
  return roles.includes('liaison') && !roles.some((role) => unscoped.includes(role));
}

export function rolesGrant(roles: readonly Role[], permission: ChannelPermission): boolean {
  if (permission === 'public' || permission === 'session') return true;
  const allowed: readonly Role[] = PERMISSIONS[permission];
  return roles.some((role) => allowed.includes(role));
}
