import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { isClinicalEntry } from '../../../src-main/core/audit/auditlog-redaction';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

/** 培训与督导 (issue 17 item 3): sessions, attendance, each person's hours, supervision counts. */

const SESSION = { title: '心理委员朋辈辅导技能培训', date: '2026-10-12', audience: 'peer_counselors', trainer: '王老师', hours: 2 } as const;

async function account(core: Core, username: string, roles: string[], department: string | null = null): Promise<string> {
  return expectOk(await core.call('accounts.create', { username, displayName: `${username}老师`, roles, password: `${username} first pw`, department })).id;
}

async function signInAs(core: Core, username: string) {
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username, password: `${username} first pw` }));
  expectOk(await core.call('auth.changePassword', { currentPassword: `${username} first pw`, newPassword: `${username} own pw` }));
}

async function backToAdmin(core: Core) {
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
}

describe('training sessions', () => {
  it('validates the fields: audience kind, hours positive with one decimal, required title and trainer', async () => {
    const { core } = await setUpCore();
    const made = expectOk(await core.call('training.create', SESSION));
    expect(made).toMatchObject({ ...SESSION, location: null, department: null, invited: 0, attended: 0, attendees: [] });
    expectError(await core.call('training.create', { ...SESSION, audience: 'parents' }), 'VALIDATION');
    const zero = expectError(await core.call('training.create', { ...SESSION, hours: 0 }), 'VALIDATION');
    expect(zero.details.issues?.[0]).toMatchObject({ path: ['hours'], message: 'trainingHoursPositive' });
    expect(expectError(await core.call('training.create', { ...SESSION, hours: 1.25 }), 'VALIDATION').details.issues?.[0].message).toBe(
      'trainingHoursOneDecimal',
    );
    expectError(await core.call('training.create', { ...SESSION, title: ' ' }), 'VALIDATION');
    expectError(await core.call('training.create', { ...SESSION, trainer: '' }), 'VALIDATION');
    expectError(await core.call('training.create', { ...SESSION, date: '2026-02-30' }), 'VALIDATION');
    expect(expectOk(await core.call('training.update', { id: made.id, patch: { hours: 1.5, location: '' } }))).toMatchObject({ hours: 1.5, location: null });
    expectError(await core.call('training.update', { id: 'missing', patch: { hours: 1 } }), 'NOT_FOUND', 'trainingNotFound');
  });

  it("records attendance (accounts, register people, names) and sums each person's hours per school year", async () => {
    const { core } = await setUpCore();
    const liaison = await account(core, 'liaison1', ['liaison'], '文学院');
    const first = expectOk(
      await core.call('training.create', {
        ...SESSION,
        audience: 'counselors_and_class_teachers',
        title: '辅导员危机识别培训',
        attendees: [
          { accountId: liaison, name: 'liaison1老师', attended: true },
          { registerPersonId: 'np-7', name: '班主任 李四', attended: true },
          { name: '王五', attended: false },
        ],
      }),
    );
    expect(first).toMatchObject({ invited: 3, attended: 2 });
    const keys = first.attendees.map((a: { personKey: string }) => a.personKey).sort();
    expect(keys).toEqual([`account:${liaison}`, 'name:王五', 'register:np-7']);

    // Same school year (2026–2027): 2 + 1.5; the next year (from September 2027): 3.
    const second = expectOk(await core.call('training.create', { ...SESSION, date: '2027-03-01', hours: 1.5 }));
    expectOk(
      await core.call('training.setAttendance', {
        id: second.id,
        attendees: [
          { accountId: liaison, name: 'liaison1老师', attended: true },
          { name: '王五', attended: true },
        ],
      }),
    );
    const third = expectOk(
      await core.call('training.create', {
        ...SESSION,
        date: '2027-09-20',
        hours: 3,
        attendees: [{ accountId: liaison, name: 'liaison1老师', attended: true }],
      }),
    );
    expect(third.attended).toBe(1);

    const history = expectOk(await core.call('training.personHistory', { personKey: `account:${liaison}` }));
    expect(history.sessions.map((s: { date: string }) => s.date)).toEqual(['2027-09-20', '2027-03-01', '2026-10-12']);
    expect(history.hoursByYear).toEqual([
      { schoolYear: 2027, sessions: 1, hours: 3 },
      { schoolYear: 2026, sessions: 2, hours: 3.5 },
    ]);
    // Absent from the first session: listed, not counted.
    const wang = expectOk(await core.call('training.personHistory', { personKey: 'name:王五' }));
    expect(wang.sessions.map((s: { attended: boolean }) => s.attended)).toEqual([true, false]);
    expect(wang.hoursByYear).toEqual([{ schoolYear: 2026, sessions: 1, hours: 1.5 }]);
    expectError(await core.call('training.personHistory', { personKey: 'name:无此人' }), 'NOT_FOUND', 'trainingPersonNotFound');

    // Taking someone off the list marks them absent (the row and its audit trail stay).
    const updated = expectOk(
      await core.call('training.setAttendance', { id: first.id, attendees: [{ registerPersonId: 'np-7', name: '班主任 李四', attended: true }] }),
    );
    expect(updated).toMatchObject({ invited: 3, attended: 1 });
    const after = expectOk(await core.call('training.personHistory', { personKey: `account:${liaison}` }));
    expect(after.hoursByYear.find((y: { schoolYear: number }) => y.schoolYear === 2026)).toEqual({ schoolYear: 2026, sessions: 1, hours: 1.5 });

    // Bad lists change nothing: a duplicate person, an unknown account.
    const sqlite = core.vault.requireStore().sqlite;
    const rows = () => sqlite.prepare('SELECT count(*) FROM training_attendance').pluck().get();
    const before = rows();
    expectError(
      await core.call('training.setAttendance', {
        id: second.id,
        attendees: [
          { name: '王五', attended: true },
          { name: ' 王五 ', attended: false },
        ],
      }),
      'VALIDATION',
      'trainingDuplicateAttendee',
    );
    expectError(
      await core.call('training.setAttendance', { id: second.id, attendees: [{ accountId: 'nobody', name: 'x', attended: true }] }),
      'VALIDATION',
      'trainingUnknownAccount',
    );
    expect(rows()).toBe(before);

    // Every write went through the unit of work: an audit event per attendance row written.
    const audited = sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'training_attendance' AND action = 'create'").pluck().get();
    expect(audited).toBe(6);
    expect(isClinicalEntry({ entity: 'training_attendance', action: 'create' })).toBe(false);
  });

  it('only the center manages trainings; reception, liaisons and leadership are refused', async () => {
    const { core } = await setUpCore();
    await account(core, 'counselor1', ['counselor']);
    await account(core, 'liaison2', ['liaison'], '文学院');
    await signInAs(core, 'counselor1');
    expectOk(await core.call('training.create', SESSION));
    await backToAdmin(core);
    await signInAs(core, 'liaison2');
    expectError(await core.call('training.create', SESSION), 'FORBIDDEN');
    expectError(await core.call('training.list', {}), 'FORBIDDEN');
  });
});

describe('supervision sessions', () => {
  it('records supervisor, supervisees, format and hours (no content field) and counts per counselor per term', async () => {
    const { core } = await setUpCore();
    const supervisor = await account(core, 'super1', ['supervisor']);
    const a = await account(core, 'couns.a', ['counselor']);
    const b = await account(core, 'couns.b', ['counselor']);
    const base = { supervisorAccountId: supervisor, supervisorName: 'super1老师', format: 'individual', hours: 1, superviseeIds: [a] } as const;
    expectOk(await core.call('training.createSupervision', { ...base, date: '2026-09-10' }));
    expectOk(await core.call('training.createSupervision', { ...base, date: '2026-11-10', hours: 1.5 }));
    expectOk(await core.call('training.createSupervision', { ...base, date: '2026-12-01', format: 'group', hours: 2, superviseeIds: [a, b] }));
    // Spring term: not in the autumn figures.
    expectOk(await core.call('training.createSupervision', { ...base, date: '2027-03-05', superviseeIds: [b] }));
    // An outside supervisor has just a name.
    expectOk(
      await core.call('training.createSupervision', {
        ...base,
        supervisorAccountId: null,
        supervisorName: '外聘督导 赵老师',
        date: '2027-01-15',
        superviseeIds: [b],
      }),
    );

    const autumn = expectOk(await core.call('training.supervisionTotals', { schoolYear: 2026, term: 'autumn' }));
    expect(autumn).toMatchObject({ start: '2026-09-01', end: '2027-01-31' });
    expect(autumn.rows).toEqual([
      { accountId: a, displayName: 'couns.a老师', sessions: 3, individual: 2, group: 1, hours: 4.5 },
      { accountId: b, displayName: 'couns.b老师', sessions: 2, individual: 1, group: 1, hours: 3 },
    ]);
    const spring = expectOk(await core.call('training.supervisionTotals', { schoolYear: 2026, term: 'spring' }));
    expect(spring.rows).toEqual([{ accountId: b, displayName: 'couns.b老师', sessions: 1, individual: 1, group: 0, hours: 1 }]);

    // Wrong shapes are refused: an individual session with two people, a content field, self-supervision.
    expectError(
      await core.call('training.createSupervision', { ...base, date: '2026-10-01', superviseeIds: [a, b] }),
      'VALIDATION',
      'supervisionIndividualOne',
    );
    expectError(await core.call('training.createSupervision', { ...base, date: '2026-10-01', content: '讨论了个案' }), 'VALIDATION');
    expectError(await core.call('training.createSupervision', { ...base, date: '2026-10-01', superviseeIds: [supervisor] }), 'VALIDATION', 'supervisionSelf');
    expectError(await core.call('training.createSupervision', { ...base, date: '2026-10-01', superviseeIds: [] }), 'VALIDATION');
    const columns = core.vault.requireStore().sqlite.prepare("SELECT name FROM pragma_table_info('supervision_sessions')").pluck().all();
    expect(columns).not.toEqual(expect.arrayContaining(['content']));
    expect(columns.filter((c) => /note|content|summary|body|topic/.test(String(c)))).toEqual([]);

    // A counselor sees only their own supervision; recording is for supervisors and the director.
    await signInAs(core, 'couns.b');
    const own = expectOk(await core.call('training.listSupervision', {}));
    expect(own).toHaveLength(3);
    expect(own.every((s: { supervisees: { id: string }[] }) => s.supervisees.some((p) => p.id === b))).toBe(true);
    expect(
      expectOk(await core.call('training.supervisionTotals', { schoolYear: 2026, term: 'autumn' })).rows.map((r: { accountId: string }) => r.accountId),
    ).toEqual([b]);
    expectError(await core.call('training.createSupervision', { ...base, date: '2026-10-01' }), 'FORBIDDEN');
  });
});
