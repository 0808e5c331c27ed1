/**
 * Instrument scoring engine: pure functions, no I/O, shared by the renderer (live display) and the
 * core (the authority). See docs INSTRUMENTS.md for the rules.
 */
import type { z } from 'zod';
import { DEFINITIONS, type InstrumentDefinition } from './definitions';
import { cssrsOptionsSchema, scoreCssrs } from './cssrs';
import { gad7OptionsSchema, scoreGad7 } from './gad7';
import { k10OptionsSchema, scoreK10 } from './k10';
import { phqOptionsSchema, scorePhq9, scorePhqa } from './phq';
import { scl90OptionsSchema, scoreScl90 } from './scl90';
import { scoreUpi, upiOptionsSchema } from './upi';
import { scoreSas, scoreSds, zungOptionsSchema } from './zung';
import { parseOptions } from './validate';
import {
  INSTRUMENT_IDS,
  InstrumentInputError,
  type CssrsScoreResult,
  type Gad7ScoreResult,
  type InstrumentId,
  type K10ScoreResult,
  type PhqScoreResult,
  type Scl90ScoreResult,
  type ScoreResult,
  type UpiScoreResult,
  type ZungScoreResult,
} from './types';

export { INSTRUMENT_IDS, InstrumentInputError, SCORING_SPEC_VERSION, ALERT_LEVELS } from './types';
export type {
  AlertLevel,
  Answer,
  BaseScoreResult,
  CssrsAnswer,
  CssrsScoreResult,
  CssrsTriage,
  Flag,
  Gad7ScoreResult,
  InstrumentId,
  InstrumentInputErrorCode,
  K10ScoreResult,
  PhqScoreResult,
  Scl90ScoreResult,
  ScoreResult,
  ScoreStatus,
  ScreenPositive,
  UpiCategory,
  UpiScoreResult,
  ZungScoreResult,
} from './types';
export { SCL90_FACTORS, bandFor } from './definitions';
export type { Band, CriticalItemRule, InstrumentDefinition, MissingRule, OptionLabel, Wording } from './definitions';
export { studentFormFor, type LoadedWording, type StudentForm } from './form';
export { SCL90_NORMS_JIN_1986 } from './scl90-norms';

export interface ResultByInstrument {
  phq9: PhqScoreResult;
  phqa: PhqScoreResult;
  gad7: Gad7ScoreResult;
  cssrs_screen: CssrsScoreResult;
  scl90: Scl90ScoreResult;
  upi: UpiScoreResult;
  k10: K10ScoreResult;
  sds: ZungScoreResult;
  sas: ZungScoreResult;
}

interface Scorer<I extends InstrumentId> {
  score: (responses: unknown, options?: unknown) => ResultByInstrument[I];
  optionsSchema: z.ZodType;
}

const SCORERS: { [I in InstrumentId]: Scorer<I> } = {
  phq9: { score: scorePhq9, optionsSchema: phqOptionsSchema },
  phqa: { score: scorePhqa, optionsSchema: phqOptionsSchema },
  gad7: { score: scoreGad7, optionsSchema: gad7OptionsSchema },
  cssrs_screen: { score: scoreCssrs, optionsSchema: cssrsOptionsSchema },
  scl90: { score: scoreScl90, optionsSchema: scl90OptionsSchema },
  upi: { score: scoreUpi, optionsSchema: upiOptionsSchema },
  k10: { score: scoreK10, optionsSchema: k10OptionsSchema },
  sds: { score: scoreSds, optionsSchema: zungOptionsSchema },
  sas: { score: scoreSas, optionsSchema: zungOptionsSchema },
};

export function isInstrumentId(id: unknown): id is InstrumentId {
  return typeof id === 'string' && (INSTRUMENT_IDS as readonly string[]).includes(id);
}

function requireInstrumentId(id: unknown): InstrumentId {
  if (isInstrumentId(id)) return id;
  throw new InstrumentInputError('UNKNOWN_INSTRUMENT', `Unknown instrument ${JSON.stringify(String(id))}. Known instruments: ${INSTRUMENT_IDS.join(', ')}.`, {
    reason: 'UNKNOWN_INSTRUMENT',
    instrument: String(id),
    known: [...INSTRUMENT_IDS],
  });
}

/** The definition (rules as data, wording where shipped). Throws UNKNOWN_INSTRUMENT. */
export function getInstrumentDefinition(id: string): InstrumentDefinition {
  return DEFINITIONS[requireInstrumentId(id)];
}

/** Every definition, in INSTRUMENT_IDS order. */
export function listInstruments(): InstrumentDefinition[] {
  return INSTRUMENT_IDS.map((id) => DEFINITIONS[id]);
}

/** The options an instrument scores with when given `options` (defaults filled in); validates them. */
export function resolveOptions(id: string, options?: unknown): Record<string, unknown> {
  const instrument = requireInstrumentId(id);
  return parseOptions(instrument, SCORERS[instrument].optionsSchema, options) as Record<string, unknown>;
}

/**
 * Scores one administration. Validates everything and throws InstrumentInputError with code
 * UNKNOWN_INSTRUMENT, BAD_RESPONSES or BAD_OPTIONS; never clamps or repairs input.
 */
export function scoreInstrument<I extends InstrumentId>(id: I, responses: unknown, options?: unknown): ResultByInstrument[I];
export function scoreInstrument(id: string, responses: unknown, options?: unknown): ScoreResult;
export function scoreInstrument(id: string, responses: unknown, options?: unknown): ScoreResult {
  const instrument = requireInstrumentId(id);
  return SCORERS[instrument].score(responses, options);
}
