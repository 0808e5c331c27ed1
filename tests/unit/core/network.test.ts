import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { setUpCounselingCenter, signInAs } from './reports-cases-helpers';
import { expectError, expectOk } from './helpers';

const YEAR = '2026-2027';
const HEADERS = ['学年', '角色', '姓名', '学号', '单位/职务', '电话', '院系', '年级', '班级', '账号', '任期开始', '任期结束', '备注'];

async function xlsxFile(rows: string[][], headers = HEADERS) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('工作网络');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(row);
  return { fileName: '工作网络.xlsx', contentBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}

const row = (values: Partial<Record<string, string>>) => HEADERS.map((h) => values[h] ?? '');

/** One row per level, and one of every kind of bad row. */
function registerRows() {
  return [
    row({ 学年: YEAR, 角色: '组长', 姓名: '测试校长', '单位/职务': '校长' }),
    row({ 学年: YEAR, 角色: '保卫处值班人员', 姓名: '保卫处值班室', '单位/职务': '保卫处', 电话: '0000-110' }),
    row({ 学年: YEAR, 角色: '辅导员', 姓名: '测试辅导员', 院系: '文学院' }),
    row({ 学年: YEAR, 角色: '班主任', 姓名: '测试班主任', 院系: '文学院', 班级: '文学1班' }),
    row({ 学年: YEAR, 角色: '心理委员', 姓名: '测试学生甲', 学号: '2026000001', 任期开始: '2026-09-01', 任期结束: '2027/7/15' }),
    row({ 学年: YEAR, 角色: '院系负责人', 姓名: '计算机院长', 院系: '计算机学院', 账号: 'wang.zixun' }),
    // Rejected:
    row({ 学年: '2026', 角色: '组长', 姓名: '甲' }), // 8 badSchoolYear
    row({ 学年: YEAR, 角色: '校长助理', 姓名: '乙' }), // 9 unknownRole
    row({ 学年: YEAR, 角色: '心理委员', 姓名: '丙', 院系: '文学院', 班级: '文学1班' }), // 10 missingStudentNo
    row({ 学年: YEAR, 角色: '心理委员', 姓名: '丁', 学号: '2099999999' }), // 11 unknownStudent
    row({ 学年: YEAR, 角色: '班主任', 姓名: '戊', 院系: '文学院' }), // 12 missingClass
    row({ 学年: YEAR, 角色: '组长', 姓名: '测试校长', '单位/职务': '校长' }), // 13 duplicateInFile
    row({ 学年: YEAR, 角色: '成员', 姓名: '己', 账号: 'nobody.here' }), // 14 unknownAccount
    row({ 学年: YEAR, 角色: '成员', 姓名: '庚', 任期开始: '2026-13-01' }), // 15 badDate
    row({ 学年: YEAR, 角色: '成员', 姓名: '辛'.repeat(65) }), // 16 fieldTooLong
  ];
}

describe('work network register', () => {
  it('previews a register file with rejected rows and reasons, writes nothing, then imports the accepted rows', async () => {
    const { core } = await setUpCounselingCenter();
    const file = await xlsxFile(registerRows());
    const preview = expectOk(await core.call('network.preview', file));
    expect(preview).toMatchObject({ rows: 15, created: 6, updated: 0, unchanged: 0, missingColumns: [] });
    expect(preview.rejected.map((r: any) => [r.row, r.reason])).toEqual([
      [8, 'badSchoolYear'],
      [9, 'unknownRole'],
      [10, 'missingStudentNo'],
      [11, 'unknownStudent'],
      [12, 'missingClass'],
      [13, 'duplicateInFile'],
      [14, 'unknownAccount'],
      [15, 'badDate'],
      [16, 'fieldTooLong'],
    ]);
    expect(expectOk(await core.call('network.people', { schoolYear: YEAR })).rows).toHaveLength(0);

    const outboxBefore = core.vault.requireStore().sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'network_people'").pluck().get();
    const done = expectOk(await core.call('network.import', file));
    expect({ ...done, rejected: done.rejected.length }).toEqual({ rows: 15, created: 6, updated: 0, unchanged: 0, rejected: 9 });
    const people = expectOk(await core.call('network.people', { schoolYear: YEAR })).rows;
    expect(people).toHaveLength(6);
    // Every row went through the unit of work: row + audit + outbox.
    const store = core.vault.requireStore();
    expect(store.sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'network_people'").pluck().get()).toBe((outboxBefore as number) + 6);
    expect(store.sqlite.prepare("SELECT count(*) FROM audit_events WHERE entity = 'network_people' AND action = 'create'").pluck().get()).toBe(6);
    expect(store.sqlite.prepare("SELECT count(*) FROM audit_events WHERE action = 'network-import'").pluck().get()).toBe(1);

    const peer = people.find((p: any) => p.role === 'peer_counselor');
    // The 心理委员 is the roster student: 院系 and class come from the roster.
    expect(peer).toMatchObject({
      level: 'class',
      studentNo: '2026000001',
      department: '文学院',
      className: '文学1班',
      termFrom: '2026-09-01',
      termTo: '2027-07-15',
    });
    expect(peer.label).toBe('文学院 文学1班 心理委员 测试学生甲');
    const guard = people.find((p: any) => p.role === 'security_staff');
    expect(guard).toMatchObject({ level: 'working', accountId: null, office: '保卫处', phone: '0000-110', label: '保卫处 保卫处人员 保卫处值班室' });
    expect(people.find((p: any) => p.role === 'department_head').accountName).toBe('wang.zixun');

    // The same file again changes nothing; a changed phone is one update.
    expect(expectOk(await core.call('network.import', file))).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    const changed = registerRows().slice(0, 6);
    changed[1][5] = '0000-119';
    expect(expectOk(await core.call('network.import', await xlsxFile(changed)))).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
  });

  it('refuses a file without the required columns, and writes nothing', async () => {
    const { core } = await setUpCounselingCenter();
    const file = await xlsxFile([['测试', '组长']], ['姓名', '角色']);
    const preview = expectOk(await core.call('network.preview', file));
    expect(preview.missingColumns).toEqual(['学年']);
    expectError(await core.call('network.import', file), 'VALIDATION', 'networkImportColumnsMissing');
    expect(expectOk(await core.call('network.people', { schoolYear: YEAR })).rows).toHaveLength(0);
  });

  it('exports the register in the template columns, and the export imports back unchanged', async () => {
    const { core } = await setUpCounselingCenter();
    expectOk(await core.call('network.import', await xlsxFile(registerRows())));
    const exported = expectOk(await core.call('network.export', { schoolYear: YEAR }));
    const again = expectOk(await core.call('network.import', exported));
    expect(again).toMatchObject({ rows: 6, created: 0, updated: 0, unchanged: 6, rejected: [] });
    const template = expectOk(await core.call('network.template', {}));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.contentBase64, 'base64') as any);
    expect((workbook.worksheets[0].getRow(1).values as string[]).slice(1)).toEqual(HEADERS);
  });

  it('checks entries: a 心理委员 is a roster student, class entries need a class; retiring keeps the entry', async () => {
    const { core, studentId } = await setUpCounselingCenter();
    expectError(
      await core.call('network.create', { schoolYear: YEAR, role: 'peer_counselor', name: '某人' }),
      'VALIDATION',
      'networkPeerCounselorNeedsStudent',
    );
    expectError(
      await core.call('network.create', { schoolYear: YEAR, role: 'class_teacher', name: '某老师', department: '文学院' }),
      'VALIDATION',
      'networkClassRequired',
    );
    expectError(await core.call('network.create', { schoolYear: YEAR, role: 'counselor', name: '某老师' }), 'VALIDATION', 'networkDepartmentRequired');
    const peer = expectOk(await core.call('network.create', { schoolYear: YEAR, role: 'peer_counselor', studentId, termFrom: '2026-09-01' }));
    expect(peer).toMatchObject({ name: '测试学生甲', className: '文学1班', level: 'class' });
    const teacher = expectOk(
      await core.call('network.create', { schoolYear: YEAR, role: 'class_teacher', name: '测试班主任', department: '文学院', className: '文学1班' }),
    );

    const ofStudent = expectOk(await core.call('network.ofStudent', { studentId, schoolYear: YEAR }));
    expect(ofStudent.roles.map((p: any) => p.role)).toEqual(['peer_counselor']);
    expect(ofStudent.classPeople.map((p: any) => p.role)).toEqual(['class_teacher', 'peer_counselor']);
    expect(expectOk(await core.call('network.ofClass', { className: '文学1班', department: '文学院', schoolYear: YEAR })).rows).toHaveLength(2);

    const retired = expectOk(await core.call('network.retire', { id: teacher.id }));
    expect(retired.retiredAt).not.toBeNull();
    expect(expectOk(await core.call('network.people', { schoolYear: YEAR })).rows.map((p: any) => p.id)).toEqual([peer.id]);
    expect(expectOk(await core.call('network.people', { schoolYear: YEAR, includeRetired: true })).rows).toHaveLength(2);
    const updated = expectOk(await core.call('network.update', { id: peer.id, patch: { phone: '139' } }));
    expect(updated.phone).toBe('139');
  });

  it('gives a liaison the school levels and their own 院系 only, and no writes', async () => {
    const { core } = await setUpCounselingCenter();
    expectOk(await core.call('network.import', await xlsxFile(registerRows())));
    const other = expectOk(await core.call('network.people', { schoolYear: YEAR, roles: ['department_head'] })).rows[0];
    await signInAs(core, 'liaison1');
    const seen = expectOk(await core.call('network.people', { schoolYear: YEAR })).rows;
    expect(seen.map((p: any) => p.role).sort()).toEqual(['class_teacher', 'counselor', 'leader', 'peer_counselor', 'security_staff']);
    expect(seen.every((p: any) => p.department === null || p.department === '文学院')).toBe(true);
    expectError(await core.call('network.get', { id: other.id }), 'NOT_FOUND', 'networkPersonNotFound');
    expectError(await core.call('network.create', { schoolYear: YEAR, role: 'member', name: '某人' }), 'FORBIDDEN');
    expectError(await core.call('network.import', await xlsxFile(registerRows())), 'FORBIDDEN');
  });
});
