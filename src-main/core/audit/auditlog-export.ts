import ExcelJS from 'exceljs';
import type { AuditEntry } from '../../../src-shared/contract/auditlog';
import { neutralizeFormula } from '../roster/rejected-file';
import { ACTION_ZH, CATEGORY_ZH, ENTITY_ZH } from './auditlog-labels';

const HEADER = ['序号', '时间（本地）', '时间（UTC）', '操作人', '操作类别', '操作', '对象类型', '对象', '对象编号', '工作站', '详情'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The workstation's local time, as the people being inspected read their clocks. */
function localTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function row(entry: AuditEntry): (string | number)[] {
  const action = ACTION_ZH[entry.action] ? `${ACTION_ZH[entry.action]}（${entry.action}）` : entry.action;
  return [
    entry.seq,
    localTime(entry.at),
    entry.at,
    entry.actor ? entry.actor.displayName : '系统',
    CATEGORY_ZH[entry.category],
    action,
    ENTITY_ZH[entry.entity] ?? entry.entity,
    entry.subject ?? '',
    entry.entityId ?? '',
    entry.workstationId,
    Object.keys(entry.details).length ? JSON.stringify(entry.details) : '',
  ];
}

/**
 * One sheet of events and one describing the filter, so the file says what it is a selection of.
 * Every text cell is neutralised: names, ids and details are user-influenced text.
 */
export async function auditLogXlsx(entries: Iterable<AuditEntry>, filterLines: [string, string][]): Promise<{ base64: string; rows: number }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('审计日志');
  sheet.addRow(HEADER).font = { bold: true };
  let rows = 0;
  for (const entry of entries) {
    sheet.addRow(row(entry).map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v)));
    rows += 1;
  }
  sheet.columns.forEach((column, i) => (column.width = [8, 20, 26, 14, 10, 22, 12, 22, 38, 38, 60][i] ?? 16));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const about = workbook.addWorksheet('筛选条件');
  for (const [label, value] of filterLines) about.addRow([neutralizeFormula(label), neutralizeFormula(value)]);
  about.addRow(['条目数', rows]);
  about.columns.forEach((column) => (column.width = 30));
  workbook.title = '审计日志';
  return { base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64'), rows };
}
