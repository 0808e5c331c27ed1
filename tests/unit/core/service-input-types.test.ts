import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import type { MoveInput } from '../../../src-main/core/calendar/appointments';
import type { OpenInput } from '../../../src-main/core/crisis/event-service';
import type { LeaveInput, ReturnInput } from '../../../src-main/core/followups/leave-service';
import type { ScreenInput } from '../../../src-main/core/followups/postvention';
import type { ListInput } from '../../../src-main/core/followups/task-service';
import type { AddInput } from '../../../src-main/core/keyattention/keyattention-service';
import type { SearchInput } from '../../../src-main/core/students/student-service';

const root = resolve(__dirname, '../../..');
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Hand-written input interfaces that are NOT a channel's input, so they cannot be derived from the
 * contract. A service taking what a channel takes uses `ParsedChannelInput<'…'>` instead of copying it.
 */
const NOT_A_CHANNEL_INPUT = [
  'src-main/core/audit/audit-chain.ts: AuditEventInput', // a row of the audit chain
  'src-main/core/backup/backup-service.ts: CreateBackupInput', // store, paths and keys of a backup run
  'src-main/core/sync/bundle/codec.ts: SealInput', // what a bundle is sealed with
];

describe("service inputs come from the contract, not copies of a channel's input", () => {
  it('no new hand-written *Input interface in the core', () => {
    const found = filesUnder(join(root, 'src-main/core')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\binterface (\w+Input)\b/g)].map((m) => `${relative(root, file).split('\\').join('/')}: ${m[1]}`),
    );
    expect(found.sort()).toEqual([...NOT_A_CHANNEL_INPUT].sort());
  });

  it('the derived service inputs are exactly the parsed channel inputs (checked by tsc)', () => {
    expectTypeOf<OpenInput>().toEqualTypeOf<ParsedChannelInput<'crisis.open'>>();
    expectTypeOf<LeaveInput>().toEqualTypeOf<ParsedChannelInput<'leave.record'>>();
    expectTypeOf<ReturnInput>().toEqualTypeOf<ParsedChannelInput<'leave.assessReturn'>>();
    expectTypeOf<ScreenInput>().toEqualTypeOf<ParsedChannelInput<'postvention.screen'>>();
    expectTypeOf<ListInput>().toEqualTypeOf<ParsedChannelInput<'followups.list'>>();
    expectTypeOf<SearchInput>().toEqualTypeOf<ParsedChannelInput<'students.search'>>();
    expectTypeOf<MoveInput>().toEqualTypeOf<Omit<ParsedChannelInput<'calendar.move'>, 'appointmentId'>>();
    expectTypeOf<ParsedChannelInput<'keyattention.add'>>().toExtend<AddInput>();
  });
});
