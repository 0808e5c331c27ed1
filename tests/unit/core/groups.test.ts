import { describe, expect, it } from 'vitest';
import type { Core } from '../../../src-main/core/core';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

/** Accounts used below, each with its own initial and changed password. */
const PEOPLE = {
  leader: { username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] },
  other: { username: 'li.zixun', displayName: '李老师', roles: ['counselor'] },
  reception: { username: 'zhao.jiedai', displayName: '赵接待', roles: ['reception'] },
  liaison: { username: 'liaison1', displayName: '院系老师', roles: ['liaison'] },
} as const;
type Person = keyof typeof PEOPLE;

const initialPassword = (who: Person) => `${PEOPLE[who].username} first pw`;
const ownPassword = (who: Person) => `${PEOPLE[who].username} own pw`;

/** Sign in as someone (new accounts have changed their initial password in `withPeople`). */
async function signInAs(core: Core, who: Person | 'admin') {
  expectOk(await core.call('auth.lock', {}));
  if (who === 'admin') expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
  else expectOk(await core.call('auth.signIn', { username: PEOPLE[who].username, password: ownPassword(who) }));
}

/** The accounts above (the liaison for 文学院), three students, and the admin (a director) signed in again. */
async function withPeople() {
  const made = await setUpCore();
  const { core } = made;
  const adminId = core.vault.requireSession().accountId;
  const ids = {} as Record<Person, string>;
  for (const key of Object.keys(PEOPLE) as Person[]) {
    const person = PEOPLE[key];
    const account = expectOk(
      await core.call('accounts.create', {
        ...person,
        roles: [...person.roles],
        password: initialPassword(key),
        department: key === 'liaison' ? '文学院' : null,
      }),
    );
    ids[key] = account.id;
  }
  const students: string[] = [];
  for (const [no, name] of [
    ['2026100001', '测试学生甲'],
    ['2026100002', '测试学生乙'],
    ['2026100003', '测试学生丙'],
  ]) {
    students.push(expectOk(await core.call('students.create', { studentNo: no, name, department: '文学院' })).id);
  }
  // New accounts must change their initial password at the first sign-in.
  for (const key of Object.keys(PEOPLE) as Person[]) {
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: PEOPLE[key].username, password: initialPassword(key) }));
    expectOk(await core.call('auth.changePassword', { currentPassword: initialPassword(key), newPassword: ownPassword(key) }));
  }
  await signInAs(core, 'admin');
  return { ...made, ids, students, adminId };
}

const GROUP = { name: '新生适应成长小组', theme: 'freshman_adaptation', status: 'planned', startDate: '2026-10-01', endDate: '2026-12-01' } as const;

describe('groups', () => {
  it('validates the fields: a custom theme needs its text, leaders must be clinical accounts, dates in order', async () => {
    const { core, ids, adminId } = await withPeople();
    const custom = expectError(await core.call('groups.create', { ...GROUP, theme: 'custom', leaders: [ids.leader] }), 'VALIDATION');
    expect(custom.details.issues?.[0]).toMatchObject({ path: ['customTheme'], message: 'groupCustomThemeRequired' });
    expectError(await core.call('groups.create', { ...GROUP, theme: 'custom', customTheme: '   ', leaders: [ids.leader] }), 'VALIDATION');
    const made = expectOk(await core.call('groups.create', { ...GROUP, theme: 'custom', customTheme: '正念减压', leaders: [ids.leader] }));
    expect(made).toMatchObject({ theme: 'custom', customTheme: '正念减压', leaders: [{ id: ids.leader, displayName: '王老师' }], memberCount: 0 });

    expectError(await core.call('groups.create', { ...GROUP, leaders: [] }), 'VALIDATION');
    expectError(await core.call('groups.create', { ...GROUP, leaders: [ids.reception] }), 'VALIDATION', 'groupLeaderNotClinical');
    expectError(await core.call('groups.create', { ...GROUP, leaders: [ids.leader, ids.liaison] }), 'VALIDATION', 'groupLeaderNotClinical');
    expectError(await core.call('groups.create', { ...GROUP, leaders: ['no-such-account'] }), 'VALIDATION', 'groupLeaderNotClinical');
    expectError(await core.call('groups.create', { ...GROUP, startDate: '2026-12-02', leaders: [ids.leader] }), 'VALIDATION');

    // An update is checked on the merged fields: switching to custom without text is refused.
    expectError(
      await core.call('groups.update', { groupId: made.id, patch: { theme: 'stress', leaders: [ids.reception] } }),
      'VALIDATION',
      'groupLeaderNotClinical',
    );
    const plain = expectOk(await core.call('groups.create', { ...GROUP, leaders: [adminId] }));
    expectError(await core.call('groups.update', { groupId: plain.id, patch: { theme: 'custom' } }), 'VALIDATION', 'groupCustomThemeRequired');
    const changed = expectOk(await core.call('groups.update', { groupId: made.id, patch: { theme: 'stress', status: 'running' } }));
    expect(changed).toMatchObject({ theme: 'stress', customTheme: null, status: 'running' });
    expect(
      expectOk(await core.call('groups.leaderOptions', {}))
        .map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([adminId, ids.leader, ids.other].sort());
  });

  it('adds members, removes one keeping the history, numbers sessions in order and takes attendance only of members', async () => {
    const { core, ids, students } = await withPeople();
    const [a, b, c] = students;
    const group = expectOk(await core.call('groups.create', { ...GROUP, leaders: [ids.leader] }));
    let detail = expectOk(await core.call('groups.addMembers', { groupId: group.id, studentIds: [a, b] }));
    expect(detail.members.map((m: { name: string }) => m.name)).toEqual(['测试学生甲', '测试学生乙']);
    expect(detail.memberCount).toBe(2);
    expectError(await core.call('groups.addMembers', { groupId: group.id, studentIds: ['missing'] }), 'NOT_FOUND', 'studentNotFound');

    // Attendance: a non-member is refused and nothing is written.
    expectError(
      await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-08T07:00:00.000Z', attendance: [a, c], note: '第一次' }),
      'VALIDATION',
      'groupAttendeeNotMember',
    );
    detail = expectOk(
      await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-08T07:00:00.000Z', attendance: [a, b], note: '破冰与团体契约' }),
    );
    detail = expectOk(await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-15T07:00:00+08:00', attendance: [a], note: '情绪觉察' }));
    expect(detail.sessions.map((s: { number: number }) => s.number)).toEqual([1, 2]);
    expect(detail.sessions[1]).toMatchObject({ heldAt: '2026-10-14T23:00:00.000Z', attendance: [a], note: '情绪觉察' });

    // Removal sets leftAt; the row and the past attendance stay.
    detail = expectOk(await core.call('groups.removeMember', { groupId: group.id, studentId: b }));
    expect(detail.memberCount).toBe(1);
    expect(detail.members.find((m: { studentId: string }) => m.studentId === b).leftAt).toEqual(expect.any(String));
    expect(detail.sessions[0].attendance).toEqual([a, b]);
    expectError(await core.call('groups.removeMember', { groupId: group.id, studentId: b }), 'NOT_FOUND', 'groupMemberNotFound');
    const sqlite = core.vault.requireStore().sqlite;
    expect(sqlite.prepare('SELECT count(*) FROM group_members WHERE group_id = ?').pluck().get(group.id)).toBe(2);
    // A member who left cannot be marked present in a new session...
    expectError(
      await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-22T07:00:00.000Z', attendance: [b] }),
      'VALIDATION',
      'groupAttendeeNotMember',
    );
    // ...but a past session that recorded them can still be corrected.
    detail = expectOk(
      await core.call('groups.updateSession', { groupId: group.id, sessionId: detail.sessions[0].id, patch: { attendance: [b], note: '修订' } }),
    );
    expect(detail.sessions[0]).toMatchObject({ number: 1, attendance: [b], note: '修订' });
    detail = expectOk(await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-22T07:00:00.000Z', attendance: [] }));
    expect(detail.sessions.map((s: { number: number }) => s.number)).toEqual([1, 2, 3]);

    // The audit trail never holds the note text.
    const details = sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'group_sessions'").pluck().all() as string[];
    expect(details.length).toBeGreaterThan(0);
    expect(details.join('\n')).not.toMatch(/破冰|情绪觉察|修订/);

    // The student file shows membership and attendance, never the note.
    const timeline = expectOk(await core.call('students.timeline', { studentId: a }));
    const groupEntries = timeline.filter((e: { kind: string }) => e.kind === 'group');
    expect(groupEntries.map((e: { titleKey: string }) => e.titleKey).sort()).toEqual(['groups.timeline.groupAttended', 'groups.timeline.groupJoined']);
    expect(JSON.stringify(groupEntries)).not.toMatch(/情绪觉察/);
    const leftTimeline = expectOk(await core.call('students.timeline', { studentId: b }));
    expect(leftTimeline.map((e: { titleKey: string }) => e.titleKey)).toEqual(
      expect.arrayContaining(['groups.timeline.groupJoined', 'groups.timeline.groupLeft', 'groups.timeline.groupAttended']),
    );

    // Joining again reopens the same membership row.
    detail = expectOk(await core.call('groups.addMembers', { groupId: group.id, studentIds: [b, c] }));
    expect(detail.memberCount).toBe(3);
    expect(sqlite.prepare('SELECT count(*) FROM group_members WHERE group_id = ?').pluck().get(group.id)).toBe(3);
  });

  it('only leaders and the director open a group; other clinicians see the list entry and get FORBIDDEN', async () => {
    const { core, ids, students } = await withPeople();
    const group = expectOk(await core.call('groups.create', { ...GROUP, leaders: [ids.leader] }));
    expectOk(await core.call('groups.addMembers', { groupId: group.id, studentIds: [students[0]] }));
    const withSession = expectOk(
      await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-08T07:00:00.000Z', attendance: [students[0]], note: '团体记录内容' }),
    );

    await signInAs(core, 'other');
    const [entry] = expectOk(await core.call('groups.list', {}));
    expect(entry).toMatchObject({
      id: group.id,
      name: GROUP.name,
      theme: 'freshman_adaptation',
      memberCount: 1,
      sessionCount: 1,
      canOpen: false,
      leaders: [{ id: ids.leader, displayName: '王老师' }],
    });
    expect(JSON.stringify(entry)).not.toMatch(/团体记录内容|测试学生/);
    expectError(await core.call('groups.get', { groupId: group.id }), 'FORBIDDEN', 'groupNotLeader');
    expectError(
      await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-09T07:00:00.000Z', attendance: [] }),
      'FORBIDDEN',
      'groupNotLeader',
    );
    expectError(
      await core.call('groups.updateSession', { groupId: group.id, sessionId: withSession.sessions[0].id, patch: { note: '改写' } }),
      'FORBIDDEN',
      'groupNotLeader',
    );
    expectError(await core.call('groups.addMembers', { groupId: group.id, studentIds: [students[1]] }), 'FORBIDDEN', 'groupNotLeader');
    expectError(await core.call('groups.removeMember', { groupId: group.id, studentId: students[0] }), 'FORBIDDEN', 'groupNotLeader');
    expectError(await core.call('groups.update', { groupId: group.id, patch: { name: '改名' } }), 'FORBIDDEN', 'groupNotLeader');

    await signInAs(core, 'leader');
    const seen = expectOk(await core.call('groups.get', { groupId: group.id }));
    expect(seen.sessions[0].note).toBe('团体记录内容');
    expect(seen.canOpen).toBe(true);

    for (const who of ['reception', 'liaison'] as const) {
      await signInAs(core, who);
      expectError(await core.call('groups.list', {}), 'FORBIDDEN');
      expectError(await core.call('groups.get', { groupId: group.id }), 'FORBIDDEN');
    }

    await signInAs(core, 'admin');
    const director = expectOk(await core.call('groups.get', { groupId: group.id }));
    expect(director.sessions[0].note).toBe('团体记录内容');
    // The director's and the leader's views are audited.
    const views = core.vault
      .requireStore()
      .sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'counseling_groups' AND action = 'view'")
      .pluck()
      .get();
    expect(views).toBe(2);
    expectOk(await core.call('groups.updateSession', { groupId: group.id, sessionId: director.sessions[0].id, patch: { note: '主任补充' } }));
  });
});
