/**
 * Shared vocabulary of the instrument scoring engine (see docs INSTRUMENTS.md).
 * Everything here is plain data so results can be stored as JSON and re-checked later.
 */

export const INSTRUMENT_IDS = ['phq9', 'phqa', 'gad7', 'cssrs_screen', 'scl90', 'upi', 'k10', 'sds', 'sas'] as const;

export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

/** Version of the scoring rules (INSTRUMENTS.md) this engine implements; stored with every result. */
export const SCORING_SPEC_VERSION = '1.0';

/**
 * CRITICAL: act now, emergency pathway. URGENT: same-day contact and a C-SSRS.
 * HIGH: priority review. REVIEW: routine review.
 */
export type AlertLevel = 'CRITICAL' | 'URGENT' | 'HIGH' | 'REVIEW';

export const ALERT_LEVELS: readonly AlertLevel[] = ['CRITICAL', 'URGENT', 'HIGH', 'REVIEW'];

export interface Flag {
  /** Stable, translatable code, e.g. `PHQ9_ITEM9`. */
  code: string;
  level: AlertLevel;
  /** 1-based item number when the flag comes from one item: the alert source is (assessment, item). */
  item?: number;
}

export type ScoreStatus = 'complete' | 'prorated' | 'incomplete' | 'invalid';

/** `null`: the instrument has no screen rule, or the form is invalid. */
export type ScreenPositive = boolean | 'indeterminate' | null;

/** A single answer: an integer on the item's scale, or `null` when missing. */
export type Answer = number | null;

/** C-SSRS answers: 1 yes, 0 no, `null` missing, `"NA"` not asked (skipped by design). */
export type CssrsAnswer = 0 | 1 | null | 'NA';

export interface BaseScoreResult {
  instrument: InstrumentId;
  /** Version of the instrument definition used. */
  version: string;
  specVersion: string;
  /** The switches used, defaults filled in. */
  options: Record<string, unknown>;
  status: ScoreStatus;
  /** Number of missing scored items (C-SSRS: required answers missing). */
  missing: number;
  /** 1-based numbers of the missing items counted in `missing`. */
  missingItems: number[];
  total: number | null;
  band: string | null;
  screenPositive: ScreenPositive;
  flags: Flag[];
  /** Item numbers whose raw answer raised an alert flag (not the `*_UNANSWERED` ones). */
  criticalItems: number[];
}

export interface PhqScoreResult extends BaseScoreResult {
  instrument: 'phq9' | 'phqa';
}

export interface Gad7ScoreResult extends BaseScoreResult {
  instrument: 'gad7';
}

export type CssrsTriage = 'high' | 'moderate' | 'low' | 'none';

export interface CssrsScoreResult extends BaseScoreResult {
  instrument: 'cssrs_screen';
  triage: CssrsTriage;
}

export interface Scl90ScoreResult extends BaseScoreResult {
  instrument: 'scl90';
  gsi: number | null;
  pst: number | null;
  psdi: number | null;
  /** Factor means keyed by factor id; `null` when fewer than 80 % of its items are answered. */
  factors: Record<string, number | null>;
  /** z-scores against the norm table (factors plus `total`, `gsi`, `pst`); `null` when not computable. */
  zScores: Record<string, number | null>;
  /** Id of the norm table behind `zScores`. */
  normTable: string;
}

export type UpiCategory = 1 | 2 | 3;

export interface UpiScoreResult extends BaseScoreResult {
  instrument: 'upi';
  lieYes: number | null;
  /** `null` when a missing answer or an unknown auxiliary input could still change it. */
  category: UpiCategory | null;
  /** The categories still possible given the missing answers (one element when determined). */
  possibleCategories: UpiCategory[];
  /** Which of the key items 8, 16, 25, 26 were answered yes. */
  keyItemsYes: number[];
}

export interface K10ScoreResult extends BaseScoreResult {
  instrument: 'k10';
  bandAbs: string | null;
  bandCrufad: string | null;
}

export interface ZungScoreResult extends BaseScoreResult {
  instrument: 'sds' | 'sas';
  raw: number | null;
  standard: number | null;
}

export type ScoreResult = PhqScoreResult | Gad7ScoreResult | CssrsScoreResult | Scl90ScoreResult | UpiScoreResult | K10ScoreResult | ZungScoreResult;

export type InstrumentInputErrorCode = 'UNKNOWN_INSTRUMENT' | 'BAD_RESPONSES' | 'BAD_OPTIONS';

/**
 * Thrown for input the engine refuses to score. `message` is English for logs and the CLI;
 * `details.reason` (plus the other details) is what the UI translates.
 */
export class InstrumentInputError extends Error {
  readonly code: InstrumentInputErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: InstrumentInputErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'InstrumentInputError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: InstrumentInputErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
