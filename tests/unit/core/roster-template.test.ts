import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ROSTER_FIELDS } from '../../../src-shared/contract/roster';
import { expectOk, setUpCore } from './helpers';

describe('roster.template', () => {
  it('is an .xlsx with Chinese headers that the import maps to every field by itself', async () => {
    const { core } = await setUpCore();
    const file = expectOk<{ fileName: string; contentBase64: string }>(await core.call('roster.template', {}));
    expect(file.fileName).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as never);
    const headers = (workbook.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 2)).toEqual(['学号（必填）', '姓名（必填）']);
    expect(headers).toHaveLength(ROSTER_FIELDS.length);
    expect(headers.every((header) => /[\u4e00-\u9fff]/.test(header))).toBe(true);
    // No sample row that could be imported by mistake.
    expect(workbook.worksheets[0].rowCount).toBe(1);

    // Filled in by the registrar and imported back: every column is recognised without a mapping.
    const sheet = workbook.worksheets[0];
    sheet.addRow([
      '2026990001',
      '测试学生模板',
      '女',
      '2007-05-01',
      '测试学院',
      '测试专业',
      '2026',
      '测试1班',
      '1-101',
      '13800000000',
      '测试辅导员',
      '测试家长',
      '13900000000',
    ]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const preview = expectOk(await core.call('roster.preview', { fileName: file.fileName, contentBase64: filled }));
    expect(preview.mappingErrors).toEqual([]);
    for (const field of ROSTER_FIELDS) expect(preview.mapping[field], field).toBe(headers[ROSTER_FIELDS.indexOf(field)]);
  });
});
