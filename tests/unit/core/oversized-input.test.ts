import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Core } from '../../../src-main/core/core';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../../src-shared/contract';
import { ATTACHMENT_MAX_BYTES } from '../../../src-shared/contract/attachments';
import { ROLES } from '../../../src-shared/permissions';
import { defOf, FIRST_PASSWORD, OWN_PASSWORD, unwrap } from './fuzz-helpers';
import { expectError, expectOk, setUpCore } from './helpers';

/**
 * Oversized input is refused with VALIDATION and the refusal states the limit: every string field of
 * every channel either has a maximum length or a fixed format, and a million characters in it come
 * back as a too_big issue carrying `maximum` (or an invalid_format issue for a formatted field).
 */

const MILLION = 'x'.repeat(1_000_000);
const oversized = new Map<number, string>();
/** A million characters, or one over the maximum of a file field whose cap lies above that. */
function tooLongFor(schema: z.ZodType): string {
  const length = Math.max(1_000_000, (maxLengthOf(schema) ?? 0) + 1);
  if (length === MILLION.length) return MILLION;
  if (!oversized.has(length)) oversized.set(length, 'A'.repeat(length));
  return oversized.get(length)!;
}

interface StringField {
  path: (string | number)[];
  schema: z.ZodType;
  /** Inside a union or record: the core reports it at another path, so only the field itself is checked there. */
  reachable: boolean;
}

function stringFields(schema: z.ZodType, path: (string | number)[] = [], reachable = true, out: StringField[] = []): StringField[] {
  const inner = unwrap(schema);
  const def = defOf(inner) as unknown as Record<string, any>;
  switch (def.type) {
    case 'string':
      out.push({ path, schema: inner, reachable });
      break;
    case 'object':
      for (const [key, field] of Object.entries((inner as unknown as { shape: Record<string, z.ZodType> }).shape))
        stringFields(field, [...path, key], reachable, out);
      break;
    case 'array':
      stringFields(def.element, [...path, 0], reachable, out);
      break;
    case 'union':
      for (const option of def.options) stringFields(option, path, false, out);
      break;
    case 'record':
      stringFields(def.valueType, [...path, 'key'], false, out);
      break;
    case 'tuple':
      def.items.forEach((item: z.ZodType, i: number) => stringFields(item, [...path, i], reachable, out));
      break;
    case 'intersection':
      stringFields(def.left, path, reachable, out);
      stringFields(def.right, path, reachable, out);
      break;
  }
  return out;
}

/** A formatted string (date, datetime, regex) is bounded by its pattern; free text needs a maximum. */
function isFormatted(schema: z.ZodType): boolean {
  const def = defOf(schema) as unknown as { format?: string; checks?: { _zod: { def: { check: string } } }[] };
  return Boolean(def.format) || Boolean(def.checks?.some((check) => check._zod.def.check === 'string_format'));
}

function maxLengthOf(schema: z.ZodType): number | null {
  return (schema as unknown as { maxLength: number | null }).maxLength ?? null;
}

/** `{ a: { b: [value] } }` for the path a.b.0. */
function payloadAt(path: (string | number)[], value: unknown): unknown {
  let payload = value;
  for (let i = path.length - 1; i >= 0; i--) payload = typeof path[i] === 'number' ? [payload] : { [path[i]]: payload };
  return payload;
}

/** An account holding every role, so no channel is refused for permission before its input is read. */
async function signInWithEveryRole(core: Core) {
  expectOk(
    await core.call('accounts.create', { username: 'every.role', displayName: '全部角色', roles: [...ROLES], password: FIRST_PASSWORD, department: '院系A' }),
  );
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username: 'every.role', password: FIRST_PASSWORD }));
  expectOk(await core.call('auth.changePassword', { currentPassword: FIRST_PASSWORD, newPassword: OWN_PASSWORD }));
}

describe('oversized input', () => {
  it('every string field of every channel has a maximum length or a fixed format', () => {
    const unbounded: string[] = [];
    let fields = 0;
    for (const name of CHANNEL_NAMES) {
      for (const field of stringFields(channels[name].input)) {
        fields++;
        const max = maxLengthOf(field.schema);
        if (max === null && !isFormatted(field.schema)) unbounded.push(`${name} ${field.path.join('.')}`);
        // The field alone refuses a million characters (or one over a larger cap), whatever the rest of the payload.
        const parsed = field.schema.safeParse(tooLongFor(field.schema));
        if (parsed.success) unbounded.push(`${name} ${field.path.join('.')} accepts a string over its maximum`);
        else if (max !== null && !parsed.error.issues.some((issue) => issue.code === 'too_big' && 'maximum' in issue && issue.maximum === max)) {
          unbounded.push(`${name} ${field.path.join('.')}: refused without stating its maximum`);
        }
      }
    }
    expect(unbounded).toEqual([]);
    expect(fields).toBeGreaterThan(300);
  });

  it('a million characters in any string field is VALIDATION from the core, with the limit in the details', async () => {
    const { core } = await setUpCore();
    await signInWithEveryRole(core);
    const sqlite = core.vault.requireStore().sqlite;
    const outboxBefore = sqlite.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get();
    const problems: string[] = [];
    let calls = 0;
    for (const name of CHANNEL_NAMES as ChannelName[]) {
      for (const field of stringFields(channels[name].input).filter((f) => f.reachable)) {
        calls++;
        const result = await core.call(name, payloadAt(field.path, tooLongFor(field.schema)));
        const where = `${name} ${field.path.join('.')}`;
        if (result.ok || result.error.code !== 'VALIDATION') {
          problems.push(`${where}: ${result.ok ? 'ok' : result.error.code}`);
          continue;
        }
        const issue = result.error.details.issues?.find((i) => i.path.join('.') === field.path.join('.'));
        const max = maxLengthOf(field.schema);
        if (max !== null) {
          if (!issue || issue.code !== 'too_big' || issue.maximum !== max)
            problems.push(`${where}: no too_big issue stating maximum ${max} (${JSON.stringify(issue)})`);
        } else if (!issue || issue.code !== 'invalid_format') {
          problems.push(`${where}: no invalid_format issue (${JSON.stringify(issue)})`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(calls).toBeGreaterThan(300);
    // Nothing oversized was written anywhere.
    expect(sqlite.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get()).toBe(outboxBefore);
  }, 120_000);

  it('representative fields: one character over the limit is refused and the limit is stated', async () => {
    const { core } = await setUpCore();
    const cases: [ChannelName, Record<string, unknown>, string, number][] = [
      ['accounts.create', { username: 'x1', displayName: '名'.repeat(65), roles: ['counselor'], password: FIRST_PASSWORD }, 'displayName', 64],
      ['settings.update', { schoolName: '校'.repeat(101) }, 'schoolName', 100],
      ['auth.signIn', { username: 'admin01', password: 'p'.repeat(257) }, 'password', 256],
      ['activities.create', { kind: 'lecture', title: '题'.repeat(5_000), date: '2026-05-20', organizer: '心理中心', participants: 1 }, 'title', -1],
    ];
    for (const [name, input, field, max] of cases) {
      const error = expectError(await core.call(name, input), 'VALIDATION');
      const issue = error.details.issues?.find((i) => i.path[0] === field);
      expect(issue?.code, name).toBe('too_big');
      if (max > 0) expect(issue?.maximum, name).toBe(max);
      else expect(issue?.maximum, name).toBeGreaterThan(0);
    }
  });

  it('an attachment over 5 MB is refused with the limit stated, one over the upload cap by its length', async () => {
    const { core } = await setUpCore();
    const activity = expectOk(
      await core.call('activities.create', { kind: 'lecture', title: '讲座', date: '2026-05-20', organizer: '心理中心', participants: 1 }),
    );
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - 9, 32)]);
    const tooLarge = expectError(
      await core.call('activities.addAttachment', { activityId: activity.id, fileName: '大文件.pdf', contentBase64: pdf.toString('base64') }),
      'VALIDATION',
      'attachmentTooLarge',
    );
    expect(tooLarge.details.maxMegabytes).toBe(5);
    // Far over: the contract's length cap refuses it before any decoding, stating that cap.
    const huge = 'A'.repeat(Math.ceil(((ATTACHMENT_MAX_BYTES + 2 * 1024 * 1024) * 4) / 3));
    const capped = expectError(
      await core.call('activities.addAttachment', { activityId: activity.id, fileName: '大文件.pdf', contentBase64: huge }),
      'VALIDATION',
    );
    expect(capped.details.issues?.find((i) => i.path[0] === 'contentBase64')?.maximum).toBeGreaterThan((ATTACHMENT_MAX_BYTES * 4) / 3);
    const crisis = expectError(
      await core.call('crisis.completeStep', { stepId: 'step-1', attachments: [{ fileName: 'a.pdf', contentBase64: huge }] }),
      'VALIDATION',
    );
    expect(crisis.details.issues?.find((i) => i.path.join('.') === 'attachments.0.contentBase64')?.maximum).toBeGreaterThan((ATTACHMENT_MAX_BYTES * 4) / 3);
    expect(expectOk(await core.call('activities.get', { id: activity.id })).attachments ?? []).toEqual([]);
  });
});
