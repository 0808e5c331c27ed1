/**
 * Input validation. Bad input is refused with an InstrumentInputError, never repaired: a clamped
 * "7" on a 0-3 item would silently change a student's score.
 */
import type { z } from 'zod';
import { InstrumentInputError, type Answer } from './types';
import type { InstrumentDefinition } from './definitions';

/** JSON-safe echo of an offending value for error details. */
function describeValue(value: unknown): unknown {
  if (value === undefined) return 'undefined';
  if (value === null || ['number', 'string', 'boolean'].includes(typeof value)) {
    return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

function badResponses(message: string, details: Record<string, unknown>): InstrumentInputError {
  return new InstrumentInputError('BAD_RESPONSES', message, details);
}

/** The responses must be an array with exactly one entry per item (holes are not `null`). */
export function expectResponseArray(instrument: string, responses: unknown, length: number): unknown[] {
  if (!Array.isArray(responses)) {
    throw badResponses(`Responses for ${instrument} must be an array of ${length} answers.`, {
      reason: 'NOT_AN_ARRAY',
      instrument,
      expected: length,
    });
  }
  if (responses.length !== length) {
    throw badResponses(`Responses for ${instrument} must have exactly ${length} answers, got ${responses.length}.`, {
      reason: 'WRONG_LENGTH',
      instrument,
      expected: length,
      actual: responses.length,
    });
  }
  return Array.from(responses);
}

/** One answer on an integer scale, or `null` for missing. */
export function readScaleAnswer(instrument: string, item: number, value: unknown, scale: { min: number; max: number }): Answer {
  if (value === null) return null;
  const base = { instrument, item, value: describeValue(value), min: scale.min, max: scale.max };
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw badResponses(`Item ${item} of ${instrument}: expected an integer ${scale.min}-${scale.max} or null.`, {
      reason: 'NOT_A_NUMBER',
      ...base,
    });
  }
  if (!Number.isInteger(value)) {
    throw badResponses(`Item ${item} of ${instrument}: ${value} is not an integer.`, {
      reason: 'NOT_AN_INTEGER',
      ...base,
    });
  }
  if (value < scale.min || value > scale.max) {
    throw badResponses(`Item ${item} of ${instrument}: ${value} is outside the scale ${scale.min}-${scale.max}.`, {
      reason: 'OUT_OF_RANGE',
      ...base,
    });
  }
  return value;
}

/** All answers of an integer-scaled instrument, in published order. */
export function readScaleAnswers(
  definition: InstrumentDefinition,
  responses: unknown,
  scale: { min: number; max: number } | null = definition.scale,
): Answer[] {
  if (!scale) throw new Error(`${definition.id} has no integer scale`);
  const values = expectResponseArray(definition.id, responses, definition.itemCount);
  return values.map((value, index) => {
    const item = index + 1;
    const itemScale = definition.itemScaleOverrides?.[item] ?? scale;
    return readScaleAnswer(definition.id, item, value, itemScale);
  });
}

/** Options are optional: `undefined` and `null` mean "all defaults". */
export function parseOptions<S extends z.ZodType>(instrument: string, schema: S, options: unknown): z.output<S> {
  const parsed = schema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    code: issue.code,
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`).join('; ');
  throw new InstrumentInputError('BAD_OPTIONS', `Invalid options for ${instrument}: ${summary}`, {
    reason: 'INVALID_OPTIONS',
    instrument,
    issues,
  });
}
