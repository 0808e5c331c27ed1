import type { AuditCategory } from '../../../src-shared/contract/auditlog';

/**
 * The action strings the modules record, grouped the way an inspector asks. Anything not listed
 * (a module's own state change: assign, close, set-level, ...) counts as `change`, so a new action
 * is never lost from the filter.
 */
const ACTIONS: Record<Exclude<AuditCategory, 'change'>, readonly string[]> = {
  view: ['view', 'view-timeline'],
  create: ['create', 'intake', 'import', 'roster-import', 'census-import', 'census-create-student', 'attach'],
  sign: ['sign', 'cosign'],
  unlock: ['unlock'],
  export: ['export'],
  print: ['print'],
  disclose: ['disclose'],
  'break-glass': ['break_glass'],
  'sign-in': ['sign-in', 'recovery-unlock'],
  'failed-sign-in': ['failed-sign-in'],
  other: ['verify-audit-chain', 'access-denied', 'enter-student-mode', 'exit-student-mode', 'student-mode-exit-refused'],
};

const CATEGORY_OF = new Map<string, AuditCategory>(
  Object.entries(ACTIONS).flatMap(([category, actions]) => actions.map((action) => [action, category as AuditCategory] as const)),
);

const LISTED = [...CATEGORY_OF.keys()];

/**
 * The actions of the named categories, and whether `change` (every action not listed) is asked
 * for: the audit log walks one index range per action (auditlog-walk).
 */
export function actionsOfCategories(categories: readonly AuditCategory[]): { named: string[]; change: boolean } {
  const named = [...new Set(categories.filter((c) => c !== 'change').flatMap((c) => ACTIONS[c as Exclude<AuditCategory, 'change'>]))];
  return { named, change: categories.includes('change') };
}

/** An action some named category lists (anything else is a `change`). */
export function isListedAction(action: string): boolean {
  return CATEGORY_OF.has(action);
}

export function auditCategory(action: string): AuditCategory {
  return CATEGORY_OF.get(action) ?? 'change';
}

/**
 * A SQL condition on `action` for the chosen categories, with its parameters: explicit lists
 * for the named categories, "none of the listed" for `change`.
 */
export function categoryCondition(categories: readonly AuditCategory[], column = 'action'): { sql: string; params: string[] } | null {
  if (categories.length === 0) return null;
  const named = [...new Set(categories.filter((c) => c !== 'change').flatMap((c) => ACTIONS[c as Exclude<AuditCategory, 'change'>]))];
  const parts: string[] = [];
  const params: string[] = [];
  if (named.length) {
    parts.push(`${column} IN (${named.map(() => '?').join(', ')})`);
    params.push(...named);
  }
  if (categories.includes('change')) {
    parts.push(`${column} NOT IN (${LISTED.map(() => '?').join(', ')})`);
    params.push(...LISTED);
  }
  return { sql: `(${parts.join(' OR ')})`, params };
}
