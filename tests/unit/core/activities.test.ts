import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { summarizeActivities } from '../../../src-main/core/activities/activity-summary';
import { ATTACHMENT_MAX_BYTES } from '../../../src-shared/contract/attachments';
import { ACTIVITY_KINDS } from '../../../src-shared/contract/activities';
import type { Core } from '../../../src-main/core/core';
import { ADMIN_PASSWORD, expectError, expectOk, setUpCore } from './helpers';

const LECTURE = {
  kind: 'lecture',
  title: '悦纳自我主题讲座',
  date: '2026-05-20',
  organizer: '心理中心',
  audience: '2026级新生',
  participants: 120,
  location: '报告厅',
} as const;

/** A minimal file of each type: the leading bytes the core checks, then filler. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(200, 7)]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100, 32)]);

async function createAndSignIn(core: Core, username: string, roles: string[], department: string | null = null) {
  expectOk(await core.call('accounts.create', { username, displayName: `${username}老师`, roles, password: `${username} first pw`, department }));
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username, password: `${username} first pw` }));
  expectOk(await core.call('auth.changePassword', { currentPassword: `${username} first pw`, newPassword: `${username} own pw` }));
}

async function backToAdmin(core: Core) {
  expectOk(await core.call('auth.lock', {}));
  expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
}

describe('education activities', () => {
  it('validates the fields: kind, date, participants a whole number >= 0, required title and organizer', async () => {
    const { core } = await setUpCore();
    const made = expectOk(await core.call('activities.create', LECTURE));
    expect(made).toMatchObject({ ...LECTURE, department: null, description: null, attachmentCount: 0, attachments: [] });
    const negative = expectError(await core.call('activities.create', { ...LECTURE, participants: -1 }), 'VALIDATION');
    expect(negative.details.issues?.[0]).toMatchObject({ path: ['participants'], message: 'activityParticipantsNegative' });
    expectError(await core.call('activities.create', { ...LECTURE, participants: 2.5 }), 'VALIDATION');
    expectError(await core.call('activities.create', { ...LECTURE, kind: 'party' }), 'VALIDATION');
    expectError(await core.call('activities.create', { ...LECTURE, date: '2026-02-30' }), 'VALIDATION');
    expectError(await core.call('activities.create', { ...LECTURE, title: '  ' }), 'VALIDATION');
    expectError(await core.call('activities.create', { ...LECTURE, organizer: '' }), 'VALIDATION');
    expect(expectOk(await core.call('activities.create', { ...LECTURE, participants: 0 })).participants).toBe(0);

    const updated = expectOk(await core.call('activities.update', { id: made.id, patch: { participants: 150, audience: '' } }));
    expect(updated).toMatchObject({ participants: 150, audience: null, title: LECTURE.title });
    expectError(await core.call('activities.update', { id: made.id, patch: { participants: -3 } }), 'VALIDATION');
    expectError(await core.call('activities.update', { id: 'missing', patch: { participants: 3 } }), 'NOT_FOUND', 'activityNotFound');
  });

  it('lists by period and kind with a summary that matches an independent count', async () => {
    const { core } = await setUpCore();
    const plan: [string, string, number][] = [
      ['lecture', '2026-03-01', 80],
      ['lecture', '2026-05-20', 120],
      ['mental_health_month', '2026-05-25', 600],
      ['training_peer_counselors', '2026-05-26', 45],
      ['workshop', '2026-06-10', 18],
      ['training_peer_counselors', '2026-09-15', 50],
      ['lecture', '2026-10-01', 0],
    ];
    for (const [kind, date, participants] of plan)
      expectOk(await core.call('activities.create', { ...LECTURE, kind, date, participants, title: `${kind}-${date}` }));

    const inPeriod = expectOk(await core.call('activities.list', { from: '2026-05-01', to: '2026-09-30' }));
    expect(inPeriod.rows.map((r: { date: string }) => r.date)).toEqual(['2026-09-15', '2026-06-10', '2026-05-26', '2026-05-25', '2026-05-20']);
    // The expected figures, counted here by hand from the plan.
    const expected = new Map<string, { count: number; participants: number }>();
    for (const [kind, date, participants] of plan) {
      if (date < '2026-05-01' || date > '2026-09-30') continue;
      const entry = expected.get(kind) ?? { count: 0, participants: 0 };
      expected.set(kind, { count: entry.count + 1, participants: entry.participants + participants });
    }
    expect(inPeriod.summary.byKind).toEqual(ACTIVITY_KINDS.filter((k) => expected.has(k)).map((kind) => ({ kind, ...expected.get(kind) })));
    expect(inPeriod.summary.byKind).toEqual([
      { kind: 'mental_health_month', count: 1, participants: 600 },
      { kind: 'lecture', count: 1, participants: 120 },
      { kind: 'workshop', count: 1, participants: 18 },
      { kind: 'training_peer_counselors', count: 2, participants: 95 },
    ]);
    expect(inPeriod.summary.total).toEqual({ count: 5, participants: 833 });

    const lectures = expectOk(await core.call('activities.list', { kind: 'lecture' }));
    expect(lectures.rows).toHaveLength(3);
    expect(lectures.summary).toEqual({ byKind: [{ kind: 'lecture', count: 3, participants: 200 }], total: { count: 3, participants: 200 } });
    expect(summarizeActivities([])).toEqual({ byKind: [], total: { count: 0, participants: 0 } });
  });

  it('keeps attachments: type and size checked, sha256 recorded, download and removal', async () => {
    const { core } = await setUpCore();
    const activity = expectOk(await core.call('activities.create', LECTURE));
    const sqlite = core.vault.requireStore().sqlite;
    const count = () => sqlite.prepare('SELECT count(*) FROM attachments').pluck().get();
    const audits = () => sqlite.prepare('SELECT count(*) FROM audit_events').pluck().get();

    const photo = expectOk(
      await core.call('activities.addAttachment', { activityId: activity.id, fileName: '现场照片.PNG', contentBase64: PNG.toString('base64') }),
    );
    expect(photo).toMatchObject({ fileName: '现场照片.PNG', mimeType: 'image/png', size: PNG.length, sha256: createHash('sha256').update(PNG).digest('hex') });
    expectOk(await core.call('activities.addAttachment', { activityId: activity.id, fileName: '签到表.pdf', contentBase64: PDF.toString('base64') }));

    // Over the limit: refused, and nothing at all is written (no row, no audit event).
    const [rowsBefore, auditsBefore] = [count(), audits()];
    const big = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PDF.length, 32)]);
    const tooLarge = expectError(
      await core.call('activities.addAttachment', { activityId: activity.id, fileName: '大文件.pdf', contentBase64: big.toString('base64') }),
      'VALIDATION',
      'attachmentTooLarge',
    );
    expect(tooLarge.details.maxMegabytes).toBe(5);
    // Wrong type: by extension, and by content under an allowed extension.
    expectError(
      await core.call('activities.addAttachment', { activityId: activity.id, fileName: 'setup.exe', contentBase64: PDF.toString('base64') }),
      'VALIDATION',
      'attachmentTypeNotAllowed',
    );
    expectError(
      await core.call('activities.addAttachment', {
        activityId: activity.id,
        fileName: '照片.jpg',
        contentBase64: Buffer.from('MZ not a photo').toString('base64'),
      }),
      'VALIDATION',
      'attachmentTypeNotAllowed',
    );
    expectError(
      await core.call('activities.addAttachment', { activityId: 'missing', fileName: 'a.pdf', contentBase64: PDF.toString('base64') }),
      'NOT_FOUND',
      'activityNotFound',
    );
    expect([count(), audits()]).toEqual([rowsBefore, auditsBefore]);
    // Exactly at the limit is accepted.
    const atLimit = Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES - PDF.length, 32)]);
    expectOk(await core.call('activities.addAttachment', { activityId: activity.id, fileName: '刚好5MB.pdf', contentBase64: atLimit.toString('base64') }));

    const detail = expectOk(await core.call('activities.get', { id: activity.id }));
    expect(detail.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['现场照片.PNG', '签到表.pdf', '刚好5MB.pdf']);
    expect(expectOk(await core.call('activities.list', {})).rows[0].attachmentCount).toBe(3);
    const file = expectOk(await core.call('activities.getAttachment', { attachmentId: photo.id }));
    expect(Buffer.from(file.contentBase64, 'base64').equals(PNG)).toBe(true);

    expectOk(await core.call('activities.removeAttachment', { attachmentId: photo.id }));
    expect(expectOk(await core.call('activities.get', { id: activity.id })).attachments).toHaveLength(2);
    expectError(await core.call('activities.getAttachment', { attachmentId: photo.id }), 'NOT_FOUND', 'attachmentNotFound');
    expectError(await core.call('activities.removeAttachment', { attachmentId: photo.id }), 'NOT_FOUND', 'attachmentNotFound');
    // Removal detaches; the audit trail names the owner but holds no content.
    const removal = sqlite.prepare("SELECT details FROM audit_events WHERE entity = 'attachments' AND action = 'detach'").pluck().get() as string;
    expect(JSON.parse(removal)).toMatchObject({ ownerEntity: 'education_activities', ownerId: activity.id });
  });

  it('reception can record activities and leadership can read them', async () => {
    const { core } = await setUpCore();
    await createAndSignIn(core, 'reception1', ['reception']);
    const made = expectOk(await core.call('activities.create', { ...LECTURE, kind: 'training_department_counselors', title: '辅导员心理危机识别培训' }));
    expectOk(await core.call('activities.addAttachment', { activityId: made.id, fileName: '签到表.pdf', contentBase64: PDF.toString('base64') }));
    expect(made.createdBy).toBe(core.vault.requireSession().accountId);
    await backToAdmin(core);
    await createAndSignIn(core, 'leader1', ['leadership']);
    const listed = expectOk(await core.call('activities.list', {})).rows;
    expect(listed).toHaveLength(1);
    expectError(await core.call('activities.create', LECTURE), 'FORBIDDEN');
    // The file itself (a sign-in sheet names students) stays with those who run activities.
    const attachmentId = expectOk(await core.call('activities.get', { id: made.id })).attachments[0].id;
    expectError(await core.call('activities.getAttachment', { attachmentId }), 'FORBIDDEN');
  });

  it('publicity kinds and organiser levels: older callers get the center level, a class activity keeps its class', async () => {
    const { core } = await setUpCore();
    const plain = expectOk(await core.call('activities.create', LECTURE));
    expect(plain).toMatchObject({ organizerLevel: 'center', organizerPersonId: null, className: null });
    for (const kind of ['campus_radio', 'website', 'wechat_account', 'bulletin_board', 'class_meeting'] as const) {
      expect(ACTIVITY_KINDS).toContain(kind);
      expectOk(await core.call('activities.create', { ...LECTURE, kind, title: kind }));
    }
    const classMeeting = expectOk(
      await core.call('activities.create', {
        ...LECTURE,
        kind: 'class_meeting',
        organizerLevel: 'class',
        department: '文学院',
        className: '2026级汉语言1班',
        organizerPersonId: 'np-1',
        organizer: '心理委员 张三',
      }),
    );
    expect(classMeeting).toMatchObject({ organizerLevel: 'class', className: '2026级汉语言1班', organizerPersonId: 'np-1' });
    expectError(await core.call('activities.create', { ...LECTURE, organizerLevel: 'school' }), 'VALIDATION');
  });

  it("a liaison records and reads only their own department's activities (service check, nothing written on refusal)", async () => {
    const { core } = await setUpCore();
    const centerWide = expectOk(await core.call('activities.create', LECTURE));
    const otherDept = expectOk(
      await core.call('activities.create', { ...LECTURE, department: '理学院', organizerLevel: 'department', title: '理学院心理情景剧' }),
    );
    const attachment = expectOk(
      await core.call('activities.addAttachment', { activityId: otherDept.id, fileName: '签到表.pdf', contentBase64: PDF.toString('base64') }),
    );
    await createAndSignIn(core, 'liaison1', ['liaison'], '文学院');
    const sqlite = core.vault.requireStore().sqlite;
    const writes = () => [
      sqlite.prepare('SELECT count(*) FROM education_activities').pluck().get(),
      sqlite.prepare('SELECT count(*) FROM outbox').pluck().get(),
    ];

    // No department given: it becomes theirs, at the 院系 level.
    const own = expectOk(await core.call('activities.create', { ...LECTURE, kind: 'class_meeting', title: '文学院主题班会' }));
    expect(own).toMatchObject({ department: '文学院', organizerLevel: 'department' });
    const before = writes();
    expectError(await core.call('activities.create', { ...LECTURE, department: '理学院' }), 'FORBIDDEN', 'otherDepartment');
    expectError(await core.call('activities.create', { ...LECTURE, organizerLevel: 'center' }), 'FORBIDDEN', 'activityCenterLevel');
    expectError(await core.call('activities.update', { id: otherDept.id, patch: { participants: 1 } }), 'NOT_FOUND', 'activityNotFound');
    expectError(await core.call('activities.update', { id: centerWide.id, patch: { participants: 1 } }), 'NOT_FOUND', 'activityNotFound');
    expectError(await core.call('activities.update', { id: own.id, patch: { department: '理学院' } }), 'FORBIDDEN', 'otherDepartment');
    expectError(
      await core.call('activities.addAttachment', { activityId: otherDept.id, fileName: 'a.pdf', contentBase64: PDF.toString('base64') }),
      'NOT_FOUND',
      'activityNotFound',
    );
    expectError(await core.call('activities.getAttachment', { attachmentId: attachment.id }), 'NOT_FOUND', 'activityNotFound');
    expectError(await core.call('activities.removeAttachment', { attachmentId: attachment.id }), 'NOT_FOUND', 'activityNotFound');
    expect(writes()).toEqual(before);

    // Clearing the department keeps it theirs; reads show their department only.
    expect(expectOk(await core.call('activities.update', { id: own.id, patch: { participants: 40, department: '' } }))).toMatchObject({
      participants: 40,
      department: '文学院',
    });
    expect(expectOk(await core.call('activities.list', {})).rows.map((r: { id: string }) => r.id)).toEqual([own.id]);
    expectError(await core.call('activities.get', { id: otherDept.id }), 'NOT_FOUND', 'activityNotFound');

    // A liaison account without a department reaches nothing.
    await backToAdmin(core);
    await createAndSignIn(core, 'liaison2', ['liaison'], null);
    expectError(await core.call('activities.list', {}), 'FORBIDDEN', 'activityNoDepartment');
    expectError(await core.call('activities.create', LECTURE), 'FORBIDDEN', 'activityNoDepartment');
  });
});
