import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
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

/**
 * A form's answers: small integers in a typed array (an empty answer as -1), else (never for the
 * instruments' own scales) as read. 90 answers take 90 bytes instead of a 740-byte array.
 */
type PackedAnswers = Int8Array | (number | null)[];

function packAnswers(answers: (number | null)[]): PackedAnswers {
  if (!answers.every((a) => a === null || (Number.isInteger(a) && a >= 0 && a <= 127))) return answers;
  return Int8Array.from(answers, (a) => a ?? -1);
}

function unpackAnswers(answers: PackedAnswers): (number | null)[] {
  return Array.isArray(answers) ? answers : Array.from(answers, (a) => (a < 0 ? null : a));
}

/**
 * A scored form as the plan keeps it until it is written: the answers and the rules they were
 * scored with (scored again at write time, the same result), and what the summaries count of the
 * result. A whole result for each of 20,000 students' forms, held from the plan to the last write,
 * was most of the import's memory (issue 19 goal 3).
 */
interface PlannedForm {
  instrument: string;
  answers: PackedAnswers;
  /** The rules it is scored with (formOptions), one object shared by the rows that have the same. */
  rules: Record<string, unknown>;
  digest: string;
  /** What screeningCounts counts of the result. */
  tally: 'positive' | 'category1' | 'category2' | null;
  /** The result's flags a preview announces as alerts. */
  alertFlags: number;
}

/** The form scored again from what the plan kept: the result the plan saw (scoring is pure). */
function scoredForm(form: PlannedForm): { answers: (number | null)[]; result: ScoreResult; options: Record<string, unknown> } {
  const answers = unpackAnswers(form.answers);
  const result = scoreInstrument(form.instrument, answers, form.rules);
  return { answers, result, options: result.options as Record<string, unknown> };
}

function tallyOf(result: ScoreResult): PlannedForm['tally'] {
  if (result.instrument === 'scl90') return result.screenPositive === true ? 'positive' : null;
  if (result.instrument !== 'upi') return null;
  const category = (result as { category?: number | null }).category;
  return category === 1 ? 'category1' : category === 2 ? 'category2' : null;
}

/** The same value for every equal one (by its JSON): rules and reasons repeat from row to row. */
function interner<T>(): (value: T) => T {
  const seen = new Map<string, T>();
  return (value) => {
    const key = JSON.stringify(value);
    const known = seen.get(key);
    if (known !== undefined) return known;
    seen.set(key, value);
    return value;
  };
}

interface PlannedRow {
  row: number;
  studentNo: string;
  /** The roster's student (only its id is needed to write the forms). */
  student: { id: string } | null;
  /** A student created from the file's own columns (when the user chose so). */
  newStudent: { studentNo: string; name: string; gender: 'male' | 'female' | 'other' | null; department: string | null } | null;
  forms: PlannedForm[];
  /**
   * The list entry's urgency and reasons, screened on every valid form of the row, changed or not,
   * and on the batch's other forms of the student (screeningOutcome); null: not listed.
   */
  outcome: ScreeningOutcome | null;
  /** What the batch already holds for this student (instrument → assessment id), read once while planning. */
  existingForms: Record<string, string> | null;
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
}

type ScreeningOutcome = { urgency: number; reasons: string[] };

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

function readForm(
  instrument: string,
  cells: string[],
  columns: CensusColumns,
  options: Record<string, unknown>,
  fileRow: number,
): { form: PlannedForm; result: ScoreResult } | CensusProblem {
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
    const alertFlags = result.flags.filter((x) => x.level === 'CRITICAL' || x.level === 'URGENT' || x.item !== undefined).length;
    return {
      form: {
        instrument,
        answers: packAnswers(answers),
        rules: options,
        digest: sha256Hex(JSON.stringify([answers, result.options])),
        tally: tallyOf(result),
        alertFlags,
      },
      result,
    };
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
      .select({ assessmentId: assessments.id, studentId: assessments.studentId, instrument: assessments.instrument, answersDigest: assessments.answersDigest })
      .from(assessments)
      .where(eq(assessments.censusBatchId, batch.id))
      .all()
      .map((form) => [`${form.studentId}|${form.instrument}`, form]),
  );
  // Results only of the batch's forms this file does not hold: the list entry is screened on them too.
  const otherInstruments = batch.instruments.filter((id) => !fileInstruments.includes(id));
  const otherResults = new Map(
    otherInstruments.length === 0
      ? []
      : db
          .select({ studentId: assessments.studentId, instrument: assessments.instrument, result: assessments.result })
          .from(assessments)
          .where(and(eq(assessments.censusBatchId, batch.id), inArray(assessments.instrument, otherInstruments)))
          .all()
          .map((form) => [`${form.studentId}|${form.instrument}`, form.result as unknown as ScoreResult]),
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
  const sameRules = interner<Record<string, unknown>>();
  const sameReasons = interner<string[]>();

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
    const forms: PlannedForm[] = [];
    const results: ScoreResult[] = [];
    let rejected: CensusProblem | null = null;
    for (const instrument of fileInstruments) {
      const read = readForm(instrument, cells, columns, sameRules(formOptions(batch, instrument, cells, columns)), fileRow);
      if ('reason' in read) {
        rejected = read;
        break;
      }
      if (read.result.missing > 0) warnings.push({ row: fileRow, reason: 'incomplete', instrument, value: String(read.result.missing) });
      forms.push(read.form);
      results.push(read.result);
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
      outcome: outcomeOf([...results, ...(student ? otherInstruments.flatMap((id) => otherResults.get(`${student.id}|${id}`) ?? []) : [])], sameReasons),
      existingForms: student ? existingFormsOf(student.id, batch, existing) : null,
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
  return {
    rows: table.rows.length,
    accepted,
    unchanged,
    problems: problems.sort((a, b) => a.row - b.row),
    warnings: warnings.sort((a, b) => a.row - b.row),
  };
}

/** The batch's forms of a student, by instrument (null: none yet). */
function existingFormsOf(studentId: string, batch: CensusBatchRow, existing: Map<string, { assessmentId: string }>): Record<string, string> | null {
  let forms: Record<string, string> | null = null;
  for (const id of batch.instruments) {
    const form = existing.get(`${studentId}|${id}`);
    if (form) (forms ??= {})[id] = form.assessmentId;
  }
  return forms;
}

function outcomeOf(results: readonly ScoreResult[], sameReasons: (reasons: string[]) => string[]): ScreeningOutcome | null {
  const outcome = screeningOutcome(results);
  return outcome && { urgency: outcome.urgency, reasons: sameReasons(outcome.reasons) };
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
  for (const form of planned.forms) alerts += writeForm(tx, batch, student.id, form, planned.existingForms?.[form.instrument] ?? null, at);
  writeFollowup(tx, batch, student.id, planned, at);
  return alerts;
}

function writeForm(tx: WriteContext, batch: CensusBatchRow, studentId: string, planned: PlannedForm, existingId: string | null, at: string): number {
  // Not `{ ...scoredForm(planned), instrument, digest }`: V8 11 (Node 20) gives each object made by a
  // spread followed by new keys a map of its own, which kept it (and the result it holds) alive
  // until a major GC, for every form written (issue 19 goal 3).
  const form = scoredForm(planned);
  const values = {
    responses: form.answers,
    options: form.options,
    result: form.result as unknown as Record<string, unknown>,
    position: form.answers.length,
    completedAt: at,
    updatedAt: at,
  };
  if (existingId) {
    tx.update(assessments, existingId, Object.assign({}, values, { answersDigest: planned.digest }), { action: 'census-reimport' });
    return raiseAlerts(tx, { id: existingId, studentId }, form.result.flags, at);
  }
  const assessmentId = randomUUID();
  tx.insert(
    assessments,
    {
      id: assessmentId,
      studentId,
      instrument: planned.instrument,
      instrumentVersion: form.result.version,
      mode: 'import',
      status: 'complete',
      administeredBy: tx.actor.accountId,
      startedAt: at,
      censusBatchId: batch.id,
      answersDigest: planned.digest,
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
  const outcome = planned.outcome;
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
  const counts = { positive: 0, category1: 0, category2: 0 };
  for (const planned of plan.accepted) for (const form of planned.forms) if (form.tally) counts[form.tally] += 1;
  return counts;
}

/** The alerts a preview announces: the flags of the forms the import would write that raise one. */
export function announcedAlerts(plan: CensusPlan): number {
  return plan.accepted.reduce((n, planned) => n + planned.forms.reduce((m, form) => m + form.alertFlags, 0), 0);
}
