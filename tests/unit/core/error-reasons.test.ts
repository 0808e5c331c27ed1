import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVITIES_ERROR_REASONS } from '../../../src-shared/contract/activities';
import { ARCHIVE_ERROR_REASONS } from '../../../src-shared/contract/archive';
import { ASSESSMENTS_ERROR_REASONS } from '../../../src-shared/contract/assessments';
import { AUDITLOG_ERROR_REASONS } from '../../../src-shared/contract/auditlog';
import { BACKUP_ERROR_REASONS } from '../../../src-shared/contract/backup';
import { CALENDAR_ERROR_REASONS } from '../../../src-shared/contract/calendar';
import { CASES_ERROR_REASONS } from '../../../src-shared/contract/cases';
import { CENSUS_ERROR_REASONS, censusProblemSchema } from '../../../src-shared/contract/census';
import { CRISIS_ERROR_REASONS } from '../../../src-shared/contract/crisis';
import { COMMON_ERROR_REASONS } from '../../../src-shared/contract/errors';
import { FAMILY_ERROR_REASONS } from '../../../src-shared/contract/family';
import { FOLLOWUPS_ERROR_REASONS } from '../../../src-shared/contract/followups';
import { GROUPS_ERROR_REASONS } from '../../../src-shared/contract/groups';
import { KEYATTENTION_ERROR_REASONS } from '../../../src-shared/contract/keyattention';
import { LEADERSHIP_ERROR_REASONS } from '../../../src-shared/contract/leadership';
import { NETWORK_ERROR_REASONS } from '../../../src-shared/contract/network';
import { NOTES_ERROR_REASONS } from '../../../src-shared/contract/notes';
import { PRINT_ERROR_REASONS } from '../../../src-shared/contract/print';
import { REFERRALS_ERROR_REASONS } from '../../../src-shared/contract/referrals';
import { REPORTS_ERROR_REASONS } from '../../../src-shared/contract/reports';
import { ROSTER_ERROR_REASONS, ROSTER_PROBLEMS } from '../../../src-shared/contract/roster';
import { STATISTICS_ERROR_REASONS } from '../../../src-shared/contract/statistics';
import { STUDENTS_ERROR_REASONS } from '../../../src-shared/contract/students';
import { SYNC_ERROR_REASONS } from '../../../src-shared/contract/sync';
import { TRAINING_ERROR_REASONS } from '../../../src-shared/contract/training';
import { en } from '../../../src-renderer/i18n/en';
import { commonErrorsEn } from '../../../src-renderer/i18n/modules/common-errors.en';
import { commonErrorsZhCN } from '../../../src-renderer/i18n/modules/common-errors.zh-CN';
import type { ReasonTexts } from '../../../src-renderer/i18n/types';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';

const root = resolve(__dirname, '../../..');
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every i18n module with an `errors` table (keyed as in zh-CN.ts), and the contract list typing it. */
const LISTS = {
  activities: ACTIVITIES_ERROR_REASONS,
  archive: ARCHIVE_ERROR_REASONS,
  assessments: ASSESSMENTS_ERROR_REASONS,
  auditlog: AUDITLOG_ERROR_REASONS,
  backup: BACKUP_ERROR_REASONS,
  calendar: CALENDAR_ERROR_REASONS,
  cases: CASES_ERROR_REASONS,
  census: CENSUS_ERROR_REASONS,
  crisis: CRISIS_ERROR_REASONS,
  family: FAMILY_ERROR_REASONS,
  followups: FOLLOWUPS_ERROR_REASONS,
  groups: GROUPS_ERROR_REASONS,
  keyattention: KEYATTENTION_ERROR_REASONS,
  leadership: LEADERSHIP_ERROR_REASONS,
  network: NETWORK_ERROR_REASONS,
  notes: NOTES_ERROR_REASONS,
  printing: PRINT_ERROR_REASONS,
  referrals: REFERRALS_ERROR_REASONS,
  reports: REPORTS_ERROR_REASONS,
  roster: ROSTER_ERROR_REASONS,
  statistics: STATISTICS_ERROR_REASONS,
  students: STUDENTS_ERROR_REASONS,
  sync: SYNC_ERROR_REASONS,
  training: TRAINING_ERROR_REASONS,
} as const;

const ALL_LISTS: Record<string, readonly string[]> = { ...LISTS, common: COMMON_ERROR_REASONS };

/**
 * Where a reason is sent, in the forms the code uses: `reason: 'x'` (also in a ternary), the
 * reason argument of requireRow / assertNotFuture, calendar's fieldError('x', field).
 */
const SENT = [
  /reason:\s*'([A-Za-z_]+)'/g,
  /reason:\s*[^,}'\n]*\?\s*'([A-Za-z_]+)'\s*:\s*'([A-Za-z_]+)'/g,
  /requireRow\([^()]*'[A-Za-z]+',[^()']*'([A-Za-z_]+)'\)/g,
  /assertNotFuture\([^()]*'([A-Za-z_]+)'\)/g,
  /fieldError\('([A-Za-z_]+)'/g,
];
/** Everything that sends reasons the renderer shows: the core, the school server, the shells, shared code, the renderer's own bridge. */
const SENDERS = ['src-main/core', 'src-main/school-server', 'src-main/electron', 'src-main/browser-shell', 'src-shared', 'src-renderer/api'];
/**
 * `reason:` fields that are not error reasons: why the session locked (session.locked event, worded
 * by the lock screen) and why the audit chain broke (worded by auditlog.chain). The CLI
 * (src-main/cli) words its own reasons in cli/messages.ts and is not scanned.
 */
const NOT_ERROR_REASONS = new Set(['manual', 'idle', 'hashMismatch', 'prevHashMismatch', 'sequenceGap', 'unreadable']);

function sentReasons(): Map<string, string> {
  const sent = new Map<string, string>();
  for (const dir of SENDERS)
    for (const file of filesUnder(join(root, dir)))
      for (const pattern of SENT)
        for (const match of readFileSync(file, 'utf8').matchAll(pattern))
          for (const reason of match.slice(1)) if (reason && !NOT_ERROR_REASONS.has(reason)) sent.set(reason, file.slice(root.length + 1));
  return sent;
}

describe('error reasons: a contract list per module, translations typed by it', () => {
  it('a module text table lacking one of its reasons does not type-check', () => {
    // @ts-expect-error familyContactNotFound and the others are missing
    const missing: ReasonTexts<typeof FAMILY_ERROR_REASONS> = { familyContactNotEligible: '…' };
    // @ts-expect-error a reason not in the list is refused too
    const unknown: ReasonTexts<readonly ['a']> = { a: '…', b: '…' };
    // @ts-expect-error the shared reasons are typed the same way
    const common: ReasonTexts<typeof COMMON_ERROR_REASONS> = { noBridge: '…' };
    expect([missing, unknown, common]).toHaveLength(3);
  });

  it('each module translates exactly its list, in both languages', () => {
    const modules = zhCN as unknown as Record<string, { errors?: object }>;
    const enModules = en as unknown as Record<string, { errors?: object }>;
    const withErrors = Object.keys(modules).filter((m) => m !== 'errors' && modules[m]?.errors);
    expect(withErrors.sort()).toEqual(Object.keys(LISTS).sort());
    for (const [module, list] of Object.entries(LISTS)) {
      expect(Object.keys(modules[module].errors!).sort(), module).toEqual([...list].sort());
      expect(Object.keys(enModules[module].errors!).sort(), module).toEqual([...list].sort());
    }
    expect(Object.keys(commonErrorsZhCN).sort()).toEqual([...COMMON_ERROR_REASONS].sort());
    expect(Object.keys(commonErrorsEn).sort()).toEqual([...COMMON_ERROR_REASONS].sort());
  });

  it('the texts errorMessage looks up are exactly the lists, no reason in two lists, none empty', () => {
    const all = Object.values(ALL_LISTS).flat();
    expect(all.filter((reason, i) => all.indexOf(reason) !== i)).toEqual([]);
    expect(Object.keys(zhCN.errors.reasons).sort()).toEqual([...all].sort());
    expect(Object.keys(en.errors.reasons).sort()).toEqual([...all].sort());
    const reasonsZh = zhCN.errors.reasons as Record<string, string>;
    const reasonsEn = en.errors.reasons as Record<string, string>;
    expect(all.filter((reason) => !reasonsZh[reason]?.trim() || !reasonsEn[reason]?.trim())).toEqual([]);
  });

  it('the rejected-row reasons of the roster and census imports (shown through errors.reasons) are in the lists', () => {
    const listed = new Set<string>(Object.values(ALL_LISTS).flat());
    const problems = [...ROSTER_PROBLEMS, ...censusProblemSchema.shape.reason.options];
    expect(problems.filter((reason) => !listed.has(reason))).toEqual([]);
  });

  it('every reason sent anywhere (core, school server, shells, shared code) is in a list, so it has words on screen', () => {
    const listed = new Set(Object.values(ALL_LISTS).flat());
    const sent = sentReasons();
    expect(sent.size).toBeGreaterThan(250);
    // The scan does see the forms it claims to: one of each.
    for (const reason of ['crisisRecordEventNotFound', 'notificationInFuture', 'appointmentTooLong', 'noBridge', 'WRONG_LENGTH'])
      expect(sent.has(reason), reason).toBe(true);
    const offenders = [...sent].filter(([reason]) => !listed.has(reason)).map(([reason, file]) => `${reason} (${file})`);
    expect(offenders).toEqual([]);
  });
});
