import type { z } from 'zod';
import { AppError } from './errors';
import { channels, isChannelName, type ChannelName } from './channels';

/** Parse with a zod schema; failures become VALIDATION with translatable issues, never raw text. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('VALIDATION', {
    issues: parsed.error.issues.map((issue) => ({
      path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
      code: issue.code,
      message: issue.message,
      // The limit travels with a length or range issue, so the refusal can state it.
      ...('maximum' in issue ? { maximum: Number(issue.maximum) } : {}),
      ...('minimum' in issue ? { minimum: Number(issue.minimum) } : {}),
    })),
  });
}

export function requireChannel(name: unknown): ChannelName {
  if (!isChannelName(name)) throw new AppError('NOT_FOUND', { reason: 'unknownChannel' });
  return name;
}

export function parseChannelInput<C extends ChannelName>(name: C, input: unknown): z.output<(typeof channels)[C]['input']> {
  return parseOrThrow(channels[name].input, input ?? {}) as z.output<(typeof channels)[C]['input']>;
}
