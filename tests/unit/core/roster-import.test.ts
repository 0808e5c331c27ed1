import { describe, expect, it } from 'vitest';
import { ROSTER_HEADERS, csvGbk, csvUtf8Bom, rosterRows, xlsx } from '../../support/synthetic';
import { expectError, expectOk, setUpCore } from './helpers';

const b64 = (buffer: Buffer) => buffer.toString('base64');

/** A file with one of every kind of bad row, after 5 good ones. */
function rowsWithProblems(): string[][] {
  const rows = rosterRows(5);
  const bad = rosterRows(5, 100);
  bad[0][0] = ''; // missing 学号
  bad[1][3] = '2007-02-30'; // no such date
  bad[2][2] = '未知'; // unknown gender
  bad[3][0] = rows[0][0]; // duplicate of a good row's 学号
  bad[4][1] = ''; // missing name for a new student
  return [...rows, ...bad];
}

describe('roster import', () => {
  it('reads a GBK CSV, maps the Chinese headers, and previews problems and the plan', async () => {
    const { core } = await setUpCore();
    const preview = expectOk(await core.call('roster.preview', { fileName: '花名册.csv', contentBase64: b64(csvGbk(ROSTER_HEADERS, rowsWithProblems())) }));
    expect(preview.encoding).toBe('gb18030');
    expect(preview.mappingSource).toBe('detected');
    expect(preview.mapping).toMatchObject({
      studentNo: '学号',
      name: '姓名',
      gender: '性别',
      birthDate: '出生日期',
      department: '院系',
      className: '班级',
      guardianPhone: '家长电话',
    });
    // Rows are file rows: header is row 1, so data starts at 2.
    expect(preview.problems.map((p: any) => [p.row, p.reason])).toEqual([
      [2, 'duplicateInFile'],
      [7, 'missingStudentNo'],
      [8, 'badDate'],
      [9, 'unknownGender'],
      [10, 'duplicateInFile'],
      [11, 'missingName'],
    ]);
    expect(preview.plan).toMatchObject({ rows: 10, created: 4, updated: 0, unchanged: 0 });
    const csv = Buffer.from(preview.rejectedCsvBase64, 'base64').toString('utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    expect(csv).toContain('日期无法识别 (badDate)');
    // Nothing written by a preview.
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(0);
  });

  it('imports UTF-8 with BOM in one go, and re-importing the same file changes nothing', async () => {
    const { core } = await setUpCore();
    const file = { fileName: 'roster.csv', contentBase64: b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(30))) };
    const preview = expectOk(await core.call('roster.preview', file));
    expect(preview.encoding).toBe('utf-8-bom');
    const first = expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
    expect(first).toEqual({ rows: 30, created: 30, updated: 0, unchanged: 0, rejected: [] });
    const studentEvents = () => core.vault.requireStore().sqlite.prepare("SELECT count(*) FROM outbox WHERE entity = 'students'").pluck().get();
    const before = studentEvents();
    const again = expectOk(await core.call('roster.import', { ...file, mapping: preview.mapping }));
    expect(again).toEqual({ rows: 30, created: 0, updated: 0, unchanged: 30, rejected: [] });
    // No student row was written again.
    expect(studentEvents()).toBe(before);
  });

  it('updates changed students and keeps fields the file does not carry', async () => {
    const { core } = await setUpCore();
    const rows = rosterRows(3);
    const file = (r: string[][]) => ({ fileName: 'r.xlsx', contentBase64: '', r });
    void file;
    const buffer = await xlsx(ROSTER_HEADERS, rows);
    const preview = expectOk(await core.call('roster.preview', { fileName: 'r.xlsx', contentBase64: b64(buffer) }));
    expect(preview.encoding).toBe('xlsx');
    expectOk(await core.call('roster.import', { fileName: 'r.xlsx', contentBase64: b64(buffer), mapping: preview.mapping }));

    // A second file with only 学号 and 宿舍: the dorm changes, the name stays.
    const moved = await xlsx(
      ['学号', '宿舍'],
      [
        [rows[0][0], '9号楼999'],
        [rows[1][0], rows[1][8]],
      ],
    );
    const preview2 = expectOk(await core.call('roster.preview', { fileName: 'move.xlsx', contentBase64: b64(moved) }));
    expect(preview2.mapping).toMatchObject({ studentNo: '学号', dorm: '宿舍', name: null });
    expect(preview2.plan).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expectOk(await core.call('roster.import', { fileName: 'move.xlsx', contentBase64: b64(moved), mapping: preview2.mapping }));
    const { rows: found } = expectOk(await core.call('students.search', { query: rows[0][0] }));
    const student = expectOk(await core.call('students.get', { id: found[0].id }));
    expect(student).toMatchObject({ dorm: '9号楼999', name: rows[0][1], gender: 'male' });
  });

  it('remembers the mapping for the next file with the same columns', async () => {
    const { core } = await setUpCore();
    const headers = ['学生证号', '名字', ...ROSTER_HEADERS.slice(2)];
    const content = b64(csvUtf8Bom(headers, rosterRows(2)));
    const detected = expectOk(await core.call('roster.preview', { fileName: 'a.csv', contentBase64: content }));
    expect(detected.mapping.studentNo).toBeNull();
    expect(detected.mappingErrors).toEqual(['mappingNeedsStudentNo']);
    expectError(
      await core.call('roster.import', { fileName: 'a.csv', contentBase64: content, mapping: detected.mapping }),
      'VALIDATION',
      'mappingNeedsStudentNo',
    );
    const mapping = { ...detected.mapping, studentNo: '学生证号', name: '名字' };
    expectOk(await core.call('roster.import', { fileName: 'a.csv', contentBase64: content, mapping }));
    const next = expectOk(await core.call('roster.preview', { fileName: 'b.csv', contentBase64: content }));
    expect(next.mappingSource).toBe('remembered');
    expect(next.mapping).toEqual(mapping);
  });

  it('refuses unreadable and unsupported files with a clear reason, writing nothing', async () => {
    const { core } = await setUpCore();
    expectError(await core.call('roster.preview', { fileName: 'x.xlsx', contentBase64: b64(Buffer.from('not a zip')) }), 'VALIDATION', 'unreadableFile');
    expectError(await core.call('roster.preview', { fileName: 'x.pdf', contentBase64: b64(Buffer.from('%PDF')) }), 'VALIDATION', 'unsupportedFileType');
    expectError(await core.call('roster.preview', { fileName: 'x.csv', contentBase64: b64(Buffer.from('\n\n')) }), 'VALIDATION', 'emptyFile');
  });

  it('a cancelled import writes nothing', async () => {
    const { core } = await setUpCore();
    const content = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(20_000)));
    const preview = expectOk(await core.call('roster.preview', { fileName: 'big.csv', contentBase64: content }));
    const pending = core.call('roster.import', { fileName: 'big.csv', contentBase64: content, mapping: preview.mapping, jobId: 'job-1' });
    // Let the job start, then cancel it from "another call", as the UI's cancel button does.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(expectOk(await core.call('jobs.cancel', { jobId: 'job-1' }))).toEqual({ cancelled: true });
    expectError(await pending, 'CANCELLED');
    expect(expectOk(await core.call('students.search', { query: '' })).total).toBe(0);
  });

  it('progress events carry the job id', async () => {
    const { core, events } = await setUpCore();
    const content = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(3000)));
    const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: content }));
    expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: content, mapping: preview.mapping, jobId: 'job-2' }));
    const progress = events.filter((e) => e.name === 'job.progress' && (e.payload as any).jobId === 'job-2').map((e) => e.payload as any);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['parse', 'validate', 'write']));
    expect(progress.at(-1)).toMatchObject({ phase: 'write', done: 3000, total: 3000 });
  });

  it('only roles with roster.import may import', async () => {
    const { core } = await setUpCore();
    expectOk(
      await core.call('accounts.create', {
        username: 'liaison1',
        displayName: '院系老师',
        roles: ['liaison'],
        password: 'liaison pass 1',
        department: '文学院',
      }),
    );
    expectOk(await core.call('auth.lock', {}));
    expectOk(await core.call('auth.signIn', { username: 'liaison1', password: 'liaison pass 1' }));
    expectOk(await core.call('auth.changePassword', { currentPassword: 'liaison pass 1', newPassword: 'liaison pass 2' }));
    expectError(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(1))) }), 'FORBIDDEN');
  });
});
