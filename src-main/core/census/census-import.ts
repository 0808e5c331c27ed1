import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getInstrumentDefinition, InstrumentInputError, scoreInstrument } from '../../../src-shared/instruments';
import type { Flag, ScoreResult } from '../../../src-shared/instruments/types';
import { AppError } from '../../../src-shared/contract/errors';
import { raiseAlerts } from '../assessments/alert-service';
import { assessments } from '../store/schema/assessments';
import type { JobToken } from '../jobs/jobs';
import type { ParsedTable } from '../util/parse-table';
import { readGender } from '../roster/row-values';
import { students } from '../store/schema/students';
import { studentColumns } from '../students/student-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { sha256Hex } from '../util/canonical-json';
import { rowTextProblem, type TextProblem } from '../util/text-hygiene';
import { readCensusAnswer, readYesNo, type CensusColumns } from './census-columns';
import { censusFollowupHistory, censusFollowups, type censusBatches } from '../store/schema/census';

export type CensusBatchRow = typeof censusBatches.$inferSelect;

export interface CensusProblem {
  row: number;
  reason: 'missingStudentNo' | 'notInRoster' | 'badAnswer' | 'outOfRange' | 'duplicateInFile' | 'incomplete' | TextProblem;
  instrument?: string;
  item?: number;
  value?: string;
}

interface ScoredForm {
  instrument: string;
  answers: (number | null)[];
  options: Record<string, unknown>;
  result: ScoreResult;
  digest: string;
}

interface PlannedRow {
  row: number;
  studentNo: string;
  /** The roster's student (only its id is needed to write the forms). */
  student: { id: string } | null;
  /** A student created from the file's own columns (when the user chose so). */
  newStudent: { studentNo: string; name: string; gender: 'male' | 'female' | 'other' | null; department: string | null } | null;
  forms: ScoredForm[];
  /** Every valid form of the row, changed or not: the list entry is screened on all of them. */
  allResults: ScoreResult[];
  /** What the batch already holds for this student, read once while planning. */
  existingForms: Map<string, { assessmentId: string }>;
  existingFollowup: FollowupRow | null;
}

type FollowupRow = typeof censusFollowups.$inferSelect;

export interface CensusPlan {
  rows: number;
  accepted: PlannedRow[];
  /** Forms whose answers equal what the batch already holds. */
  unchanged: number;
  problems: CensusProblem[];
  warnings: CensusProblem[];
  /** Every valid form in the file, changed or not: what the file says about the cohort. */
  screened: ScoreResult[];
}

function cell(cells: string[], column: number | null): string {
  return column === null ? '' : (cells[column] ?? '').trim();
}

/**
 * The batch's own rules with the file's supplementary UPI answers for this row. For UPI the batch
 * keeps the variant only: "asks for counseling" and the auxiliary answers are facts of the form
 * (older batches stored them as null, which would have left every category undetermined). A file
 * without those columns did not ask them, and the scorer counts them as "no" (INSTRUMENTS.md).
 */
function formOptions(batch: CensusBatchRow, instrument: string, cells: string[], columns: CensusColumns): Record<string, unknown> {
  const stored = batch.rules[instrument] ?? {};
  const rules: Record<string, unknown> = instrument === 'upi' ? (stored.variant === undefined ? {} : { variant: stored.variant }) : { ...stored };
  if (instrument === 'upi') {
    if (columns.upiAsksForCounseling !== null) rules.asksForCounseling = readYesNo(cell(cells, columns.upiAsksForCounseling));
    if (columns.upiAuxiliary.length > 0) {
      const answers = columns.upiAuxiliary.map((c) => readYesNo(cell(cells, c)));
      rules.auxiliaryAffirmative = answers.some((a) => a === null) ? null : answers.filter(Boolean).length;
    }
  }
  return rules;
}

function scaleOf(instrument: string, options: Record<string, unknown>): { min: number; max: number } {
  const scale = getInstrumentDefinition(instrument).scale ?? { min: 0, max: 1 };
  return instrument === 'scl90' && options.scaleOrigin === 0 ? { min: 0, max: 4 } : scale;
}

function readForm(instrument: string, cells: string[], columns: CensusColumns, options: Record<string, unknown>, fileRow: number): ScoredForm | CensusProblem {
  const scale = scaleOf(instrument, options);
  const answers: (number | null)[] = [];
  for (const [i, column] of columns.items[instrument].entries()) {
    const raw = cells[column] ?? '';
    const value = readCensusAnswer(instrument, raw, scale);
    if (value === undefined) return { row: fileRow, reason: 'badAnswer', instrument, item: i + 1, value: raw };
    answers.push(value);
  }
  try {
    const result = scoreInstrument(instrument, answers, options);
    return { instrument, answers, options: result.options as Record<string, unknown>, result, digest: sha256Hex(JSON.stringify([answers, result.options])) };
  } catch (error) {
    if (error instanceof InstrumentInputError) {
      const details = error.details as { item?: number; value?: unknown };
      return { row: fileRow, reason: 'outOfRange', instrument, item: details.item, value: String(details.value ?? '') };
    }
    throw error;
  }
}

/** A file may hold one instrument of the batch or several; the others stay as imported before. */
export function fileInstrumentsOf(batch: CensusBatchRow, requested: readonly string[] | undefined): string[] {
  const instruments = requested?.length ? [...requested] : [...batch.instruments];
  const unknown = instruments.filter((id) => !batch.instruments.includes(id as never));
  if (unknown.length > 0) throw new AppError('VALIDATION', { reason: 'censusInstrumentNotInBatch', instruments: unknown });
  return instruments;
}

/**
 * Read, score and screen every row; the preview and the import use the same plan. A 学号 twice
 * in the file: the later row wins, with a warning (platform exports repeat a re-submitted form).
 */
export type { PlannedRow };

export async function planCensusImport(
  db: Db,
  batch: CensusBatchRow,
  table: ParsedTable,
  options: { createMissingStudents: boolean; fileInstruments: readonly string[]; columns: CensusColumns },
  job: JobToken,
): Promise<CensusPlan> {
  const { fileInstruments, columns } = options;
  // 学号 → id only: whole rows (guardians JSON and all) of a decade's 60,000 students are not needed.
  const roster = new Map(
    db
      .select({ id: students.id, studentNo: students.studentNo })
      .from(students)
      .all()
      .map((s) => [s.studentNo, { id: s.id }]),
  );
  const existing = new Map(
    db
      .select({
        assessmentId: assessments.id,
        studentId: assessments.studentId,
        instrument: assessments.instrument,
        answersDigest: assessments.answersDigest,
        result: assessments.result,
      })
      .from(assessments)
      .where(eq(assessments.censusBatchId, batch.id))
      .all()
      .map((form) => [`${form.studentId}|${form.instrument}`, { ...form, result: form.result as unknown as ScoreResult }]),
  );
  const followups = new Map(
    db
      .select()
      .from(censusFollowups)
      .where(eq(censusFollowups.batchId, batch.id))
      .all()
      .map((f) => [f.studentId, f]),
  );
  const problems: CensusProblem[] = [];
  const warnings: CensusProblem[] = [];
  const byStudentNo = new Map<string, PlannedRow>();
  // The columns whose text is stored or scored, listed once rather than for every row.
  const scoredColumns = [columns.studentNo, ...fileInstruments.flatMap((id) => columns.items[id] ?? []), columns.upiAsksForCounseling, ...columns.upiAuxiliary];
  const newStudentColumns = [...scoredColumns, columns.name, columns.gender, columns.department];

  for (const [index, { fileRow, cells }] of table.rows.entries()) {
    if (index % 500 === 0) {
      job.report('validate', index, table.rows.length);
      await job.checkpoint();
    }
    const studentNo = cell(cells, columns.studentNo).toUpperCase();
    if (!studentNo) {
      problems.push({ row: fileRow, reason: 'missingStudentNo' });
      continue;
    }
    const student = roster.get(studentNo) ?? null;
    // A control character or U+FFFD in what is stored or scored rejects the row (util/text-hygiene);
    // the file's name, gender and department only count for a student created from the file.
    const textIssue = rowTextProblem(cells, student ? scoredColumns : newStudentColumns);
    if (textIssue) {
      problems.push({ row: fileRow, reason: textIssue.reason });
      continue;
    }
    const name = cell(cells, columns.name);
    if (!student && !(options.createMissingStudents && name)) {
      problems.push({ row: fileRow, reason: 'notInRoster', value: studentNo });
      continue;
    }
    const forms: ScoredForm[] = [];
    let rejected: CensusProblem | null = null;
    for (const instrument of fileInstruments) {
      const form = readForm(instrument, cells, columns, formOptions(batch, instrument, cells, columns), fileRow);
      if ('reason' in form) {
        rejected = form;
        break;
      }
      if (form.result.missing > 0) warnings.push({ row: fileRow, reason: 'incomplete', instrument, value: String(form.result.missing) });
      forms.push(form);
    }
    if (rejected) {
      problems.push(rejected);
      continue;
    }
    const earlier = byStudentNo.get(studentNo);
    if (earlier) warnings.push({ row: earlier.row, reason: 'duplicateInFile', value: studentNo });
    byStudentNo.set(studentNo, {
      row: fileRow,
      studentNo,
      student,
      newStudent: student
        ? null
        : { studentNo, name, gender: readGender(cell(cells, columns.gender)) ?? null, department: cell(cells, columns.department) || null },
      forms,
      allResults: [
        ...forms.map((f) => f.result),
        ...(student ? batch.instruments.filter((id) => !fileInstruments.includes(id)).flatMap((id) => existing.get(`${student.id}|${id}`)?.result ?? []) : []),
      ],
      existingForms: new Map(
        student
          ? batch.instruments.flatMap((id) => {
              const form = existing.get(`${student.id}|${id}`);
              return form ? [[id, { assessmentId: form.assessmentId }] as const] : [];
            })
          : [],
      ),
      existingFollowup: student ? (followups.get(student.id) ?? null) : null,
    });
  }

  let unchanged = 0;
  const accepted: PlannedRow[] = [];
  for (const planned of byStudentNo.values()) {
    const changedForms = planned.student
      ? planned.forms.filter((f) => existing.get(`${planned.student!.id}|${f.instrument}`)?.answersDigest !== f.digest)
      : planned.forms;
    unchanged += planned.forms.length - changedForms.length;
    if (changedForms.length > 0) accepted.push({ ...planned, forms: changedForms });
  }
  const screened = [...byStudentNo.values()].flatMap((p) => p.forms.map((f) => f.result));
  return {
    rows: table.rows.length,
    accepted,
    unchanged,
    screened,
    problems: problems.sort((a, b) => a.row - b.row),
    warnings: warnings.sort((a, b) => a.row - b.row),
  };
}

const ITEM_ALERT_LEVELS = new Set(['CRITICAL', 'URGENT']);

/**
 * Urgency for the interview list: critical items, then UPI category 1, SCL-90 positive, category 2.
 * A UPI form whose category is undetermined is listed at the urgency of the most severe category
 * still possible (1 when category 1 is possible, else 2's), with its own reason.
 */
export function screeningOutcome(results: readonly ScoreResult[]): { urgency: number; reasons: string[] } | null {
  const reasons: string[] = [];
  let urgency = Number.POSITIVE_INFINITY;
  const flags: Flag[] = results.flatMap((r) => r.flags);
  const critical = flags.filter((f) => f.item !== undefined && ITEM_ALERT_LEVELS.has(f.level) && !f.code.endsWith('_UNANSWERED'));
  if (critical.length > 0) {
    urgency = 0;
    reasons.push(...critical.map((f) => f.code));
  }
  for (const result of results) {
    const category = (result as { category?: number | null }).category;
    if (result.instrument === 'upi' && category === 1) {
      urgency = Math.min(urgency, 1);
      reasons.push('UPI_CATEGORY_1');
    }
    if (result.instrument === 'scl90' && result.screenPositive === true) {
      urgency = Math.min(urgency, 2);
      reasons.push('SCL90_POSITIVE');
    }
    if (result.instrument === 'upi' && category === 2) {
      urgency = Math.min(urgency, 3);
      reasons.push('UPI_CATEGORY_2');
    }
    if (result.instrument === 'upi' && (category === null || category === undefined)) {
      const possible = (result as { possibleCategories?: number[] }).possibleCategories ?? [1];
      urgency = Math.min(urgency, possible.includes(1) ? 1 : 3);
      reasons.push('UPI_CATEGORY_UNDETERMINED');
    }
  }
  return Number.isFinite(urgency) ? { urgency, reasons: [...new Set(reasons)] } : null;
}

/** One student's forms, alerts and list entry (and the student, when created from the file). */
export function writeCensusRow(tx: WriteContext, batch: CensusBatchRow, planned: PlannedRow, at: string): number {
  let alerts = 0;
  const student =
    planned.student ??
    tx.insert(
      students,
      { id: randomUUID(), ...studentColumns({ ...planned.newStudent!, guardians: [] }), source: 'roster', createdAt: at, updatedAt: at },
      { action: 'census-create-student' },
    );
  for (const form of planned.forms) alerts += writeForm(tx, batch, student.id, form, planned.existingForms.get(form.instrument) ?? null, at);
  writeFollowup(tx, batch, student.id, planned, at);
  return alerts;
}

function writeForm(
  tx: WriteContext,
  batch: CensusBatchRow,
  studentId: string,
  form: ScoredForm,
  existing: { assessmentId: string } | null,
  at: string,
): number {
  const values = {
    responses: form.answers,
    options: form.options,
    result: form.result as unknown as Record<string, unknown>,
    position: form.answers.length,
    completedAt: at,
    updatedAt: at,
  };
  if (existing) {
    tx.update(assessments, existing.assessmentId, { ...values, answersDigest: form.digest }, { action: 'census-reimport' });
    return raiseAlerts(tx, { id: existing.assessmentId, studentId }, form.result.flags, at);
  }
  const assessmentId = randomUUID();
  tx.insert(
    assessments,
    {
      id: assessmentId,
      studentId,
      instrument: form.instrument,
      instrumentVersion: form.result.version,
      mode: 'import',
      status: 'complete',
      administeredBy: tx.actor.accountId,
      startedAt: at,
      censusBatchId: batch.id,
      answersDigest: form.digest,
      ...values,
    },
    { action: 'census-import', details: { batchId: batch.id } },
  );
  // A new assessment has no alerts yet: nothing to check for duplicates.
  return raiseAlerts(tx, { id: assessmentId, studentId }, form.result.flags, at, { fresh: true });
}

/**
 * The list entry follows the student's forms in the batch; assignment and outcome stay. When a
 * re-imported form makes a done interview more urgent (UPI item 25 now yes), the entry is pending
 * again: the recorded outcome stays on it and in its history, and the reopening is a new row.
 */
function writeFollowup(tx: WriteContext, batch: CensusBatchRow, studentId: string, planned: PlannedRow, at: string): void {
  const outcome = screeningOutcome(planned.allResults);
  const existing = planned.existingFollowup;
  if (existing) {
    if (outcome && (existing.urgency !== outcome.urgency || JSON.stringify(existing.reasons) !== JSON.stringify(outcome.reasons))) {
      const reopen = existing.status === 'done' && outcome.urgency < existing.urgency;
      tx.update(
        censusFollowups,
        existing.id,
        { urgency: outcome.urgency, reasons: outcome.reasons, ...(reopen && { status: 'pending' as const }), updatedAt: at },
        reopen ? { action: 'interview-reopened', details: { from: existing.urgency, to: outcome.urgency } } : {},
      );
      if (reopen) {
        tx.insert(censusFollowupHistory, {
          id: randomUUID(),
          followupId: existing.id,
          kind: 'reopened',
          outcome: null,
          previousOutcome: existing.outcome,
          note: null,
          reason: outcome.reasons.filter((r) => !existing.reasons.includes(r)).join(',') || outcome.reasons.join(','),
          urgency: outcome.urgency,
          previousUrgency: existing.urgency,
          details: { reasons: outcome.reasons, previousReasons: existing.reasons },
          actorId: tx.actor.accountId,
          at,
        });
      }
    }
    return;
  }
  if (!outcome) return;
  tx.insert(censusFollowups, {
    id: randomUUID(),
    batchId: batch.id,
    studentId,
    urgency: outcome.urgency,
    reasons: outcome.reasons,
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * Counts for the CLI and the import result: SCL-90 positives and UPI categories (determined ones)
 * among the forms this run imports. A re-run that imports nothing reports zero, not the totals of
 * the earlier run (those are on the batch's statistics).
 */
export function screeningCounts(plan: CensusPlan) {
  const all = plan.accepted.flatMap((p) => p.forms.map((f) => f.result));
  return {
    positive: all.filter((r) => r.instrument === 'scl90' && r.screenPositive === true).length,
    category1: all.filter((r) => r.instrument === 'upi' && (r as { category?: number }).category === 1).length,
    category2: all.filter((r) => r.instrument === 'upi' && (r as { category?: number }).category === 2).length,
  };
}
