import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import { getInstrumentDefinition, InstrumentInputError, scoreInstrument, studentFormFor } from '../../../src-shared/instruments';
import type { Flag, InstrumentId, ScoreResult } from '../../../src-shared/instruments/types';
import type { Db, WriteContext } from '../store/unit-of-work';
import { raiseAlerts } from './alert-service';
import { instrumentConfig, loadedWording } from './instrument-settings';
import { assessments } from '../store/schema/assessments';

export type AssessmentRow = typeof assessments.$inferSelect;
type Answer = number | null | 'NA';

function requireEnabled(db: Db, instrument: InstrumentId) {
  const config = instrumentConfig(db, instrument);
  if (!config.enabled) throw new AppError('CONFLICT', { reason: 'instrumentDisabled', instrument });
  return config;
}

/** The scorer is the authority; its input errors become VALIDATION with its details. */
export function score(instrument: InstrumentId, responses: readonly Answer[], options: Record<string, unknown>): ScoreResult {
  try {
    return scoreInstrument(instrument, responses, options);
  } catch (error) {
    if (error instanceof InstrumentInputError) throw new AppError('VALIDATION', { reason: error.code, ...error.details });
    throw error;
  }
}

/**
 * The on-screen form always offers SCL-90 answers as 1-5 (没有..严重), whatever scale origin the
 * center set for imported census files; keeping 0 here would score every answer a point high.
 */
function onScreenOptions(instrument: InstrumentId, options: Record<string, unknown>): Record<string, unknown> {
  return instrument === 'scl90' ? { ...options, scaleOrigin: 1 } : options;
}

export function startAssessment(tx: WriteContext, studentId: string, instrument: InstrumentId, at: string): AssessmentRow {
  const config = requireEnabled(tx.db, instrument);
  const definition = getInstrumentDefinition(instrument);
  return tx.insert(assessments, {
    id: randomUUID(),
    studentId,
    instrument,
    instrumentVersion: definition.version,
    mode: 'on_screen',
    status: 'in_progress',
    responses: Array(definition.itemCount).fill(null),
    options: onScreenOptions(instrument, config.options),
    administeredBy: tx.actor.accountId,
    startedAt: at,
    updatedAt: at,
  });
}

/** A paper form typed in: scored and its alerts raised in the same transaction as the row. */
export function enterPaperAssessment(
  tx: WriteContext,
  input: { studentId: string; instrument: InstrumentId; responses: Answer[]; options?: Record<string, unknown>; administeredOn?: string },
  at: string,
): { row: AssessmentRow; result: ScoreResult } {
  const config = requireEnabled(tx.db, input.instrument);
  const options = { ...config.options, ...input.options };
  const result = score(input.instrument, input.responses, options);
  const when = input.administeredOn ? `${input.administeredOn}T00:00:00.000Z` : at;
  const row = tx.insert(assessments, {
    id: randomUUID(),
    studentId: input.studentId,
    instrument: input.instrument,
    instrumentVersion: result.version,
    mode: 'paper',
    status: 'complete',
    responses: input.responses,
    options: result.options as Record<string, unknown>,
    result: result as unknown as Record<string, unknown>,
    position: input.responses.length,
    administeredBy: tx.actor.accountId,
    startedAt: when,
    completedAt: when,
    updatedAt: at,
  });
  raiseAlerts(tx, row, result.flags, at);
  return { row, result };
}

/** One answer in student mode, checked against the item's own scale before it is kept. */
export function saveAnswer(tx: WriteContext, row: AssessmentRow, item: number, value: Answer, at: string): AssessmentRow {
  if (row.status !== 'in_progress') throw new AppError('CONFLICT', { reason: 'assessmentComplete' });
  const definition = getInstrumentDefinition(row.instrument);
  if (item < 1 || item > definition.itemCount) throw new AppError('VALIDATION', { reason: 'itemOutOfRange', item });
  const responses = [...(row.responses as Answer[])];
  responses[item - 1] = value;
  // Let the scorer judge the value: it knows each item's scale and C-SSRS's "NA".
  score(row.instrument as InstrumentId, responses, row.options);
  return tx.update(assessments, row.id, { responses, position: Math.max(row.position, item), updatedAt: at }, { action: 'answer' });
}

export function finishAssessment(tx: WriteContext, row: AssessmentRow, at: string): { row: AssessmentRow; unanswered: number[] } {
  if (row.status === 'complete') return { row, unanswered: [] };
  const responses = row.responses as Answer[];
  const result = score(row.instrument as InstrumentId, responses, row.options);
  const updated = tx.update(
    assessments,
    row.id,
    { status: 'complete', result: result as unknown as Record<string, unknown>, completedAt: at, updatedAt: at },
    { action: 'complete' },
  );
  raiseAlerts(tx, updated, result.flags, at);
  return { row: updated, unanswered: responses.flatMap((v, i) => (v === null ? [i + 1] : [])) };
}

export function studentForm(db: Db, row: AssessmentRow) {
  const definition = getInstrumentDefinition(row.instrument);
  const form = studentFormFor(definition, loadedWording(db, row.instrument as InstrumentId));
  return {
    assessmentId: row.id,
    instrument: row.instrument as InstrumentId,
    ...form,
    responses: row.responses as Answer[],
    position: row.position,
    status: row.status,
  };
}

export function toSummary(row: AssessmentRow) {
  const result = row.result as (Partial<ScoreResult> & { flags?: Flag[] }) | null;
  return {
    id: row.id,
    studentId: row.studentId,
    instrument: row.instrument as InstrumentId,
    mode: row.mode,
    status: row.status,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    total: (result?.total as number | null | undefined) ?? null,
    band: (result?.band as string | null | undefined) ?? null,
    screenPositive: (result?.screenPositive as boolean | 'indeterminate' | null | undefined) ?? null,
    flags: result?.flags ?? [],
  };
}

export function toDetail(row: AssessmentRow) {
  return {
    ...toSummary(row),
    responses: row.responses as Answer[],
    options: row.options,
    result: row.result,
    administeredBy: row.administeredBy,
  };
}

export function listStudentAssessments(db: Db, studentId: string): AssessmentRow[] {
  return db.select().from(assessments).where(eq(assessments.studentId, studentId)).orderBy(desc(assessments.startedAt)).all();
}
