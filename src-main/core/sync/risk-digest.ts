import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { RiskElsewhere } from '../../../src-shared/contract/sync';
import { cases } from '../store/schema/cases';
import { students } from '../store/schema/students';
import type { StudentScope } from '../students/student-service';
import type { Db } from '../store/unit-of-work';
import { riskDigests } from '../store/schema/sync';

/**
 * Reads of the school server's risk digest (issue 18 item 5): the newest received is the one that
 * counts. Entries about this workstation are left out (its own list says more); everything else is
 * shown, including a student this workstation does not hold (safety: when in doubt, show).
 */

export function latestDigest(db: Db): { createdAt: string; entries: RiskElsewhere[] } | null {
  const row = db
    .select({ createdAt: riskDigests.digestCreatedAt, entries: riskDigests.entries })
    .from(riskDigests)
    .orderBy(desc(riskDigests.digestCreatedAt))
    .limit(1)
    .get();
  return row ? { createdAt: row.createdAt, entries: row.entries } : null;
}

const normal = (studentNo: string) => studentNo.trim().toUpperCase();

/**
 * The digest's entries for these 学号 on other workstations. A department-scoped reader (a
 * liaison) gets only students of their department that this workstation knows.
 */
export function riskElsewhere(
  db: Db,
  ownWorkstationId: string,
  studentNos: readonly string[],
  scope: StudentScope,
): { digestCreatedAt: string | null; entries: RiskElsewhere[] } {
  const digest = latestDigest(db);
  if (!digest || studentNos.length === 0) return { digestCreatedAt: digest?.createdAt ?? null, entries: [] };
  let wanted = new Set(studentNos.map(normal));
  if (scope.kind === 'department') {
    const own = db
      .select({ studentNo: students.studentNo })
      .from(students)
      .where(and(inArray(students.studentNo, [...wanted]), eq(students.department, scope.department ?? '\u0000')))
      .all();
    wanted = new Set(own.map((s) => normal(s.studentNo)));
  }
  const entries = digest.entries.filter((e) => e.workstationId !== ownWorkstationId && wanted.has(normal(e.studentNo)));
  return { digestCreatedAt: digest.createdAt, entries: entries.sort(byUrgency) };
}

/** Open event first, then the highest level. */
function byUrgency(a: RiskElsewhere, b: RiskElsewhere): number {
  return Number(b.eventOpen) - Number(a.eventOpen) || (a.level ?? '9').localeCompare(b.level ?? '9') || a.workstationId.localeCompare(b.workstationId);
}

/** Students of this workstation's open cases (within the scope) who are at risk elsewhere. */
export function riskOfOpenCases(db: Db, ownWorkstationId: string, scope: StudentScope) {
  const digest = latestDigest(db);
  if (!digest) return { digestCreatedAt: null, rows: [] };
  const others = digest.entries.filter((e) => e.workstationId !== ownWorkstationId);
  if (others.length === 0) return { digestCreatedAt: digest.createdAt, rows: [] };
  const byNo = new Map<string, RiskElsewhere[]>();
  for (const e of others) byNo.set(normal(e.studentNo), [...(byNo.get(normal(e.studentNo)) ?? []), e]);
  const open = db
    .selectDistinct({ studentId: students.id, studentNo: students.studentNo, name: students.name, department: students.department })
    .from(cases)
    .innerJoin(students, eq(students.id, cases.studentId))
    .where(notInArray(cases.status, ['closed', 'archived']))
    .all();
  const rows = open
    .filter((s) => scope.kind === 'all' || (scope.department !== null && s.department === scope.department))
    .flatMap((s) => {
      const entries = byNo.get(normal(s.studentNo));
      return entries ? [{ studentId: s.studentId, studentNo: s.studentNo, name: s.name, entries: entries.sort(byUrgency) }] : [];
    })
    .sort((a, b) => byUrgency(a.entries[0], b.entries[0]));
  return { digestCreatedAt: digest.createdAt, rows };
}
