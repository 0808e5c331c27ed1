import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/contract/auditlog';
import { auditCategory } from '../../../src-main/core/audit/auditlog-categories';
import { expectError, expectOk, openTestCase } from './helpers';
import { INITIAL, notesWorld, OWN, signedNote } from './notes-fixture';
import { connectionHatch } from '../../../src-main/core/store/open-store';

const HOUR = 3600_000;

type Page = { total: number; page: number; pageSize: number; entries: AuditEntry[] };

async function list(core: Awaited<ReturnType<typeof notesWorld>>['core'], input: Record<string, unknown> = {}): Promise<Page> {
  return expectOk(await core.call('auditlog.list', { pageSize: 200, ...input }));
}

describe('audit log viewer', () => {
  it('filters by student: events on any of the student’s records, none of another student’s', async () => {
    const { core, kase, student, as, ids } = await notesWorld();
    const other = expectOk(await core.call('students.create', { studentNo: '2026990002', name: '测试学生乙', department: '理学院' }));
    const otherCase = openTestCase(core, { studentId: other.id, counselorId: ids['wang.zx'] });
    await as('wang.zx');
    const note = await signedNote(core, kase.id);
    const otherNote = await signedNote(core, otherCase.id);
    expectOk(await core.call('students.get', { id: student.id }));

    await as('admin01');
    const page = await list(core, { studentId: student.id });
    const keys = page.entries.map((e) => `${e.action} ${e.entity}:${e.entityId}`);
    expect(keys).toContain(`create students:${student.id}`);
    expect(keys).toContain(`create cases:${kase.id}`);
    expect(keys).toContain(`create session_notes:${note.id}`);
    expect(keys).toContain(`sign session_notes:${note.id}`);
    expect(keys).toContain(`view students:${student.id}`);
    expect(keys.some((k) => k.includes(other.id) || k.includes(otherCase.id) || k.includes(otherNote.id))).toBe(false);
    expect(page.total).toBe(page.entries.length);

    // Who, what (with a readable subject), where.
    const signed = page.entries.find((e) => e.action === 'sign')!;
    expect(signed).toMatchObject({ actor: { id: ids['wang.zx'], displayName: '王咨询' }, category: 'sign', subject: kase.caseNo, thisWorkstation: true });
    const viewed = page.entries.find((e) => e.action === 'view' && e.entity === 'students')!;
    expect(viewed.subject).toBe('测试学生甲（2026990001）');
  });

  it('filters by person, category and time, newest first, in pages', async () => {
    const { core, clock, kase, as, ids } = await notesWorld();
    const start = clock.now().toISOString();
    clock.advance(HOUR);
    await as('wang.zx');
    const first = await signedNote(core, kase.id);
    clock.advance(2 * HOUR);
    const middle = clock.now().toISOString();
    clock.advance(HOUR);
    const second = await signedNote(core, kase.id);
    await as('admin01');

    const byWang = await list(core, { actorId: ids['wang.zx'] });
    expect(byWang.entries.length).toBeGreaterThan(0);
    expect(byWang.entries.every((e) => e.actor?.id === ids['wang.zx'])).toBe(true);

    const signs = await list(core, { categories: ['sign'] });
    expect(signs.entries.map((e) => e.entityId)).toEqual([second.id, first.id]);

    const signInsAndSigns = await list(core, { actorId: ids['wang.zx'], categories: ['sign', 'sign-in'] });
    expect(new Set(signInsAndSigns.entries.map((e) => e.action))).toEqual(new Set(['sign', 'sign-in']));

    // `change` is everything not named elsewhere: never a sign, view or sign-in.
    const changes = await list(core, { categories: ['change'] });
    expect(changes.entries.length).toBeGreaterThan(0);
    expect(changes.entries.every((e) => auditCategory(e.action) === 'change')).toBe(true);

    const early = await list(core, { categories: ['sign'], from: start, to: middle });
    expect(early.entries.map((e) => e.entityId)).toEqual([first.id]);
    const late = await list(core, { categories: ['sign'], from: middle });
    expect(late.entries.map((e) => e.entityId)).toEqual([second.id]);
    // Times with an offset mean the same instant.
    const shifted = new Date(new Date(middle).getTime()).toISOString().replace('Z', '+00:00');
    expect((await list(core, { categories: ['sign'], to: shifted })).entries.map((e) => e.entityId)).toEqual([first.id]);
    expectError(await core.call('auditlog.list', { from: middle, to: start }), 'VALIDATION', 'auditLogRangeInverted');

    const all = await list(core);
    const seqs = all.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const p1 = await list(core, { pageSize: 3, page: 1 });
    const p2 = await list(core, { pageSize: 3, page: 2 });
    expect(p1.total).toBe(all.total);
    expect(p1.entries.map((e) => e.seq)).toEqual(seqs.slice(0, 3));
    expect(p2.entries.map((e) => e.seq)).toEqual(seqs.slice(3, 6));
  });

  it('failed sign-ins made while locked appear after the next unlock, with their own time', async () => {
    const { core, clock, ids } = await notesWorld();
    expectOk(await core.call('auth.lock', {}));
    const tried = clock.now().toISOString();
    expectError(await core.call('auth.signIn', { username: 'wang.zx', password: 'not the password 1' }), 'UNAUTHENTICATED', 'wrongCredentials');
    expectError(await core.call('auth.signIn', { username: 'nobody.here', password: 'not the password 2' }), 'UNAUTHENTICATED', 'wrongCredentials');
    clock.advance(10 * 60_000);
    expectOk(await core.call('auth.signIn', { username: 'admin01', password: 'correct horse 01' }));

    const failed = await list(core, { categories: ['failed-sign-in'] });
    expect(failed.total).toBe(2);
    const known = failed.entries.find((e) => e.entityId === ids['wang.zx'])!;
    expect(known).toMatchObject({ category: 'failed-sign-in', subject: '王咨询', details: { at: tried, knownAccount: true, kind: 'password' } });
    expect(failed.entries.find((e) => e.entityId === null)!.details).toMatchObject({ knownAccount: false });
    // The unlock that wrote them is itself in the log.
    expect((await list(core, { categories: ['sign-in'] })).entries[0]).toMatchObject({ action: 'sign-in', actor: { displayName: '管理员甲' } });
  });

  it('exports the filtered log as .xlsx with neutralised cells, and the export is audited', async () => {
    const { core } = await notesWorld();
    const odd = expectOk(await core.call('students.create', { studentNo: '2026990009', name: '=HYPERLINK("x")', department: '理学院' }));
    const out = expectOk(await core.call('auditlog.export', { studentId: odd.id }));
    expect(out.fileName).toMatch(/^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).values).toContain('操作人');
    expect(out.rows).toBe(sheet.rowCount - 1);
    const cells = sheet.getRow(2).values as unknown[];
    expect(cells).toContain('新建');
    expect(cells).toContain(`'=HYPERLINK("x")（2026990009）`);
    expect(cells.every((v) => typeof v !== 'object' || v === null)).toBe(true);

    const exported = await list(core, { categories: ['export'] });
    expect(exported.entries[0]).toMatchObject({ action: 'export', entity: 'audit_events', details: { kind: 'auditLog', rows: out.rows, studentId: odd.id } });
  });

  it('verify reports intact, or the first broken entry with its time', async () => {
    const { core } = await notesWorld();
    expect(expectOk(await core.call('auditlog.verify', {}))).toMatchObject({ intact: true, firstBroken: null });
    const sqlite = connectionHatch(core.vault.requireStore());
    const at = sqlite.prepare('SELECT at FROM audit_events WHERE seq = 4').pluck().get();
    sqlite.prepare("UPDATE audit_events SET actor_id = 'someone-else' WHERE seq = 4").run();
    expect(expectOk(await core.call('auditlog.verify', {}))).toMatchObject({ intact: false, checked: 3, firstBroken: { seq: 4, reason: 'hashMismatch', at } });
  });

  it('an administrator without a clinical role gets no student filter, and clinical records show as 临床记录 without kind or student (issue 15, finding 10)', async () => {
    const { core, as, kase, student } = await notesWorld();
    await as('wang.zx');
    const note = await signedNote(core, kase.id);
    const crisis = expectOk(await core.call('crisis.open', { level: '1', studentId: student.id, description: '宿舍发现学生情绪激动（合成数据）' }));
    await as('admin01');
    const itAdmin = expectOk(
      await core.call('accounts.create', { username: 'it.admin', displayName: '信息中心管理员', roles: ['admin'], password: INITIAL }),
    ).id;
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'it.admin', password: INITIAL }));
    expectOk(await core.call('auth.changePassword', { currentPassword: INITIAL, newPassword: OWN }));

    // The student filter is refused by the core, on the list, the export and the student search.
    expectError(await core.call('auditlog.list', { studentId: student.id }), 'FORBIDDEN', 'auditLogStudentFilterClinical');
    expectError(await core.call('auditlog.export', { studentId: student.id }), 'FORBIDDEN', 'auditLogStudentFilterClinical');
    expectError(await core.call('auditlog.students', { query: '测试' }), 'FORBIDDEN', 'auditLogStudentFilterClinical');

    const page = await list(core);
    const mentions = (e: AuditEntry) =>
      [e.entityId, e.subject, JSON.stringify(e.details), JSON.stringify(e.names ?? {})].some(
        (v) => v !== null && [kase.id, note.id, crisis.id, kase.caseNo, crisis.eventNo, student.id, student.name].some((id) => v.includes(id)),
      );
    const clinical = page.entries.filter((e) => e.entity === 'clinical');
    expect(clinical.length).toBeGreaterThan(3);
    // Nothing on the page links a clinical record, or its kind, to the student.
    expect(page.entries.filter(mentions)).toEqual(page.entries.filter((e) => e.entity === 'students' && e.entityId === student.id));
    expect(page.entries.map((e) => e.entity)).not.toEqual(expect.arrayContaining(['session_notes']));
    expect(page.entries.map((e) => e.entity)).not.toEqual(expect.arrayContaining(['crisis_events']));
    expect(page.entries.map((e) => e.entity)).not.toEqual(expect.arrayContaining(['cases']));
    for (const entry of clinical) {
      expect(entry).toMatchObject({ entityId: null, subject: null, details: {} });
      expect(entry.action).toBe(entry.category); // the category (查看/新建/签署…), not the module's own action name
    }
    // Who and when stay: an inspector still sees that 王咨询 signed something clinical.
    expect(clinical.some((e) => e.category === 'sign' && e.actor?.displayName === '王咨询')).toBe(true);

    // The export says the same.
    const out = expectOk(await core.call('auditlog.export', {}));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const text = JSON.stringify(workbook.getWorksheet('审计日志')!.getSheetValues());
    expect(text).toContain('临床记录');
    for (const id of [kase.id, note.id, crisis.id, kase.caseNo, crisis.eventNo]) expect(text).not.toContain(id);
    expect(text).not.toContain('危机事件');
    expect(text).not.toContain('咨询记录');

    // A director (clinical) keeps the full view and the filter.
    await as('admin01');
    const full = await list(core, { studentId: student.id });
    expect(full.entries.map((e) => e.entity)).toEqual(expect.arrayContaining(['session_notes', 'crisis_events', 'cases']));
  });

  it('is for the admin and the director only', async () => {
    const { core, as } = await notesWorld();
    for (const who of ['wang.zx', 'zhao.dd', 'chen.fdy', 'zhou.jd'] as const) {
      await as(who);
      for (const channel of ['auditlog.list', 'auditlog.export', 'auditlog.verify', 'auditlog.actors'] as const) {
        expectError(await core.call(channel, {}), 'FORBIDDEN');
      }
    }
  });
});
