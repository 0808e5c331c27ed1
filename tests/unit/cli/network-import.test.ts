import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../core/helpers';
import { runCli } from './cli-harness';

const ADMIN = { COUNSEL_USER: 'admin01', COUNSEL_PASSWORD: 'first admin pw 1' };
const HEADERS = ['学年', '角色', '姓名', '学号', '单位/职务', '电话', '院系', '年级', '班级'];

describe('counsel network import', () => {
  it('imports a register file and prints rows, created, updated, unchanged and rejected, with the roster import exit codes', async () => {
    const dir = tempDir();
    expect((await runCli(['init', '--data-dir', dir, '--school', '测试学院', '--admin', 'admin01'], { COUNSEL_PASSWORD: ADMIN.COUNSEL_PASSWORD })).code).toBe(
      0,
    );
    const student = await runCli(
      [
        'call',
        'students.create',
        JSON.stringify({ studentNo: '2026000001', name: '测试学生甲', department: '文学院', className: '文学1班' }),
        '--data-dir',
        dir,
      ],
      ADMIN,
    );
    expect(student.code, student.stderr).toBe(0);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('工作网络');
    sheet.addRow(HEADERS);
    sheet.addRow(['2026-2027', '保卫处人员', '保卫处值班室', '', '保卫处', '0000-110', '', '', '']);
    sheet.addRow(['2026-2027', '心理委员', '测试学生甲', '2026000001', '', '', '', '', '']);
    sheet.addRow(['2026-2027', '心理委员', '无学号的人', '', '', '', '文学院', '', '文学1班']);
    const file = join(tempDir(), '工作网络.xlsx');
    writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));

    const first = await runCli(['network', 'import', '--file', file, '--data-dir', dir], ADMIN);
    expect(first.code, first.stderr).toBe(0);
    expect(first.json()).toEqual({
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: [{ row: 4, reason: 'missingStudentNo', field: 'studentNo', value: null }],
    });
    const again = await runCli(['network', 'import', '--file', file, '--data-dir', dir], ADMIN);
    expect(again.json()).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 2 });

    expect((await runCli(['network', 'import', '--file', '/no/such.xlsx', '--data-dir', dir], ADMIN)).code).toBe(2);
    expect((await runCli(['network', 'import', '--data-dir', dir], ADMIN)).code).toBe(2);
    expect((await runCli(['network', 'import', '--file', file, '--data-dir', dir], { ...ADMIN, COUNSEL_PASSWORD: 'wrong password 1' })).code).toBe(3);

    const channels = (await runCli(['channels'])).json() as { name: string; input: unknown }[];
    for (const name of ['network.people', 'network.preview', 'network.import', 'network.template', 'network.export']) {
      expect(channels.find((c) => c.name === name)?.input, name).toBeTruthy();
    }
  });
});
