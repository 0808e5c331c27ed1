import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { CHANNEL_NAMES, channels, type ChannelName } from '../../../src-shared/contract';
import { ROLES, scopeFor, type Role } from '../../../src-shared/permissions';
import { objectShape, signInAsRole } from './fuzz-helpers';
import { ADMIN_PASSWORD, expectOk, setUpCore } from './helpers';

/**
 * Every channel fed random and malformed payloads as every role (and with nobody signed in). For a
 * payload the contract refuses, the answer is a refusal code, never INTERNAL or a throw, and nothing
 * is written: the outbox does not move and the audit log gains at most the access-denied event.
 */

const RUNS = 15;
const HUGE = 'x'.repeat(100_000);

/** A payload that is a plain object with `__proto__` as an own key, as JSON.parse makes it. */
const pollutingKeys = fc.constantFrom(JSON.parse('{"__proto__":{"polluted":"yes"}}'), JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'), {
  prototype: { polluted: 'yes' },
  toString: 'x',
  hasOwnProperty: 1,
  valueOf: null,
});

function deepNest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}
const DEEP = deepNest(5_000);

/**
 * A `rules`-like nested record (per-instrument settings, template definitions, mappings): known-looking
 * and unknown keys, huge strings and wrong kinds one or two levels down, where a lax schema would
 * take them and a later step would trip over them.
 */
const nestedRecord = fc
  .tuple(
    fc.dictionary(
      fc.constantFrom('scl90', 'upi', 'phq9', 'variant', 'threshold', 'steps', 'levels', 'x-unknown', 'a'.repeat(300)),
      fc.oneof(fc.constant(HUGE), fc.integer(), fc.constant(null)),
      { maxKeys: 4 },
    ),
    fc.constantFrom('scl90', 'upi', 'k10', 'unknownInstrument'),
    fc.constantFrom('positiveThreshold', 'variant', 'unknownKey', 'rounding'),
  )
  .map(([flat, outer, inner]) => ({ ...flat, [outer]: { [inner]: HUGE, nested: { deeper: [HUGE, { unknown: true }] } } }));

/** A value of the wrong kind for almost any declared field. */
const wrongValue = fc.oneof(
  nestedRecord,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 60),
  fc.bigInt(),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.string({ maxLength: 20 }),
  fc.constant(HUGE),
  fc.constant(DEEP),
  fc.date(),
  pollutingKeys,
);

function payloads(name: ChannelName): fc.Arbitrary<unknown> {
  const shape = objectShape(channels[name].input);
  const keys = shape ? Object.keys(shape) : [];
  const anything = fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  });
  const arbitraries: fc.Arbitrary<unknown>[] = [anything, pollutingKeys, fc.constant(DEEP), fc.constant(HUGE)];
  if (keys.length) {
    const fieldsWrong = fc.record(Object.fromEntries(keys.map((key) => [key, wrongValue])), { requiredKeys: [] });
    arbitraries.push(
      fieldsWrong,
      // Declared fields wrong plus keys the contract does not know, prototype keys among them.
      fc
        .tuple(fieldsWrong, pollutingKeys, fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), { maxKeys: 3 }))
        .map(([fields, polluting, extra]) => Object.assign(JSON.parse(JSON.stringify(polluting)), extra, fields)),
      fc.constant(Object.fromEntries(keys.map((key) => [key, HUGE]))),
      fc.constant(Object.fromEntries(keys.map((key) => [key, DEEP]))),
    );
  }
  return fc.oneof(...arbitraries);
}

/** A short, safe description of a failing payload (it may be huge or deeply nested). */
function describePayload(payload: unknown): string {
  try {
    return fc.stringify(payload).slice(0, 200);
  } catch {
    return typeof payload;
  }
}

function seedOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash >>> 0;
}

const outboxMax = (core: Core) => core.vault.requireStore().sqlite.prepare('SELECT coalesce(max(seq), 0) FROM outbox').pluck().get() as number;
const auditMax = (core: Core) => core.vault.requireStore().sqlite.prepare('SELECT coalesce(max(seq), 0) FROM audit_events').pluck().get() as number;

async function fuzzAs(core: Core, role: Role | 'signed-out'): Promise<{ problems: string[]; refused: number }> {
  const problems: string[] = [];
  let refused = 0;
  const signedOut = role === 'signed-out';
  if (signedOut) expectOk(await core.call('auth.lock', {}));

  for (const name of CHANNEL_NAMES as ChannelName[]) {
    const spec = channels[name];
    const permitted = spec.permission === 'public' || (role !== 'signed-out' && scopeFor([role], spec.permission) !== null);
    const seed = seedOf(`${role}/${name}`);
    const property = fc.asyncProperty(payloads(name), async (payload) => {
      let accepted: boolean;
      try {
        accepted = spec.input.safeParse(payload ?? {}).success;
      } catch (error) {
        throw new Error(`the schema itself threw: ${String(error)}`);
      }
      if (accepted) return; // only what the contract refuses is under test here
      refused++;
      // Locked, the store is closed: the signed-out walk checks the counters once, after it.
      const before = signedOut ? null : { outbox: outboxMax(core), audit: auditMax(core) };
      let result;
      try {
        result = await core.call(name, payload);
      } catch (error) {
        throw new Error(`threw: ${String(error)}`);
      }
      if (result.ok) throw new Error('answered ok to a payload the contract refuses');
      const code = result.error.code;
      const expected = !permitted ? (role === 'signed-out' ? ['UNAUTHENTICATED', 'LOCKED'] : ['FORBIDDEN']) : ['VALIDATION'];
      if (!expected.includes(code)) throw new Error(`answered ${JSON.stringify(result.error)}, expected ${expected.join('/')}`);
      if (({} as Record<string, unknown>).polluted !== undefined) throw new Error('Object.prototype was polluted');
      if (!before) return;
      if (outboxMax(core) !== before.outbox) throw new Error('wrote to the outbox');
      const events = core.vault.requireStore().sqlite.prepare('SELECT action, entity_id AS entityId FROM audit_events WHERE seq > ?').all(before.audit) as {
        action: string;
        entityId: string;
      }[];
      const allowedEvents = code === 'FORBIDDEN' ? [{ action: 'access-denied', entityId: name }] : [];
      if (JSON.stringify(events) !== JSON.stringify(allowedEvents)) throw new Error(`left audit events ${JSON.stringify(events)}`);
    });
    const details = await fc.check(property, { numRuns: RUNS, seed, endOnFailure: true });
    if (details.failed) {
      problems.push(`${role} ${name} (seed ${seed}): ${String(details.errorInstance).slice(0, 300)} on ${describePayload(details.counterexample?.[0])}`);
    }
  }
  return { problems, refused };
}

describe('fuzzing every channel with malformed payloads', () => {
  for (const role of [...ROLES, 'signed-out'] as const) {
    it(`as ${role}: refused with a refusal code and nothing written`, async () => {
      const { core } = await setUpCore({ adminIsDirector: false });
      if (role !== 'signed-out') await signInAsRole(core, role);
      const before = { outbox: outboxMax(core), audit: auditMax(core) };
      const { problems, refused } = await fuzzAs(core, role);
      expect(problems).toEqual([]);
      if (role === 'signed-out') {
        // Nothing at all was written while locked: after signing back in, only the sign-in is new.
        expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
        expect(outboxMax(core)).toBe(before.outbox);
        const events = core.vault.requireStore().sqlite.prepare('SELECT action FROM audit_events WHERE seq > ?').pluck().all(before.audit);
        expect(events.filter((action) => action !== 'sign-in')).toEqual([]);
      }
      // Most generated payloads are refused, so the walk really exercised the refusal path.
      expect(refused).toBeGreaterThan(CHANNEL_NAMES.length * RUNS * 0.5);
    }, 120_000);
  }
});
