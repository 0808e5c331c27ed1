import ExcelJS from 'exceljs';
import { ROSTER_FIELDS, type RosterField } from '../../../src-shared/contract/roster';
import { normalizeHeader, templateHeader } from './mapping';

/** The fields a row cannot be imported without (roster-import rejects it otherwise). */
const REQUIRED: readonly RosterField[] = ['studentNo', 'name'];

/** "学号（必填）": the note is dropped by normalizeHeader, so the template maps itself on import. */
export function templateHeaders(): string[] {
  return ROSTER_FIELDS.map((field) => (REQUIRED.includes(field) ? `${templateHeader(field)}（必填）` : templateHeader(field)));
}

/**
 * An empty roster workbook: one header row in Chinese (the registrar's words), 学号 kept as text
 * so Excel does not turn long numbers into 2.026E+09, and no sample row that could be imported.
 */
export async function rosterTemplate(): Promise<{ fileName: string; contentBase64: string }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('花名册');
  const headers = templateHeaders();
  sheet.addRow(headers);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  headers.forEach((header, index) => {
    const column = sheet.getColumn(index + 1);
    column.width = Math.max(12, header.length * 2 + 4);
    // 学号, phone numbers and dates as text: what the registrar types is what is imported.
    column.numFmt = '@';
  });
  // A guard for the self-mapping promise above.
  if (new Set(headers.map(normalizeHeader)).size !== headers.length) throw new Error('duplicate template header');
  return { fileName: '学生花名册模板.xlsx', contentBase64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64') };
}
