import ExcelJS from 'exceljs';
import type { AuditEntry } from '../../../src-shared/contract/auditlog';
import {
  auditActionLabel,
  auditCategoryLabel,
  auditDetailIds,
  auditEntityLabel,
  auditLocalTime,
  auditRecordLabel,
  auditGroupSize,
  auditWorkstationLabel,
  describeAuditDetails,
  describeAuditGroup,
} from '../../../src-shared/labels/audit-labels';
import { neutralizeFormula } from '../util/rejected-file';
import { EXPORT_LANGUAGE as LANG } from './auditlog-labels';

/**
 * Words first, ids last: the three 编号 columns are the only ones that hold ids, so an inspector
 * reads the rest aloud and a technician can still trace a record.
 */
export const AUDIT_EXPORT_HEADER = [
  '序号',
  '时间（本地）',
  '时间（UTC）',
  '操作人',
  '操作类别',
  '操作',
  '对象类型',
  '对象',
  '工作站',
  '详情',
  '批量操作',
  '对象编号',
  '工作站编号',
  '详情中的编号',
];
/** Columns meant for ids (tests check that no other cell holds one). */
export const AUDIT_EXPORT_ID_COLUMNS = ['对象编号', '工作站编号', '详情中的编号'];

/** The bulk operation's line, written before its rows: what it was and its counts. */
export interface BulkHead {
  head: AuditEntry;
  rows: number;
}

/** The group column: on the operation's line its size, on its rows which operation they belong to. */
function groupLine(head: BulkHead): (string | number)[] {
  const { head: entry } = head;
  return [
    '',
    auditLocalTime(entry.at),
    entry.at,
    entry.actor ? entry.actor.displayName : '系统',
    auditCategoryLabel(entry.category, LANG),
    `▼ ${describeAuditGroup(entry, LANG)}`,
    auditEntityLabel(entry.entity, LANG),
    auditRecordLabel(entry, LANG) ?? '',
    auditWorkstationLabel(entry, LANG),
    '',
    `批量操作：${auditGroupSize({ rows: head.rows, matching: head.rows }, LANG)}（下列缩进行）`,
    '',
    entry.workstationId,
    '',
  ];
}

function row(entry: AuditEntry, bulk: BulkHead | undefined): (string | number)[] {
  return [
    entry.seq,
    auditLocalTime(entry.at),
    entry.at,
    entry.actor ? entry.actor.displayName : '系统',
    auditCategoryLabel(entry.category, LANG),
    // Rows of a bulk operation are indented under its line.
    `${bulk ? '　　' : ''}${auditActionLabel(entry.action, LANG)}`,
    auditEntityLabel(entry.entity, LANG),
    auditRecordLabel(entry, LANG) ?? '',
    auditWorkstationLabel(entry, LANG),
    describeAuditDetails(entry.details, { lang: LANG, names: entry.names }),
    bulk ? `属于：${auditActionLabel(bulk.head.action, LANG)}（${auditLocalTime(bulk.head.at)}）` : '',
    entry.entityId ?? '',
    entry.workstationId,
    auditDetailIds(entry.details).join('\n'),
  ];
}

/**
 * One sheet of events and one describing the filter, so the file says what it is a selection of.
 * Every text cell is neutralised: names, ids and details are user-influenced text.
 */
export async function auditLogXlsx(
  entries: Iterable<AuditEntry>,
  filterLines: [string, string][],
  bulkHeads: Map<string, BulkHead> = new Map(),
): Promise<{ base64: string; rows: number }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('审计日志');
  sheet.addRow(AUDIT_EXPORT_HEADER).font = { bold: true };
  const neutral = (cells: (string | number)[]) => cells.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v));
  let rows = 0;
  let currentBulk: string | null = null;
  for (const entry of entries) {
    const bulkId = typeof entry.details.bulk === 'string' ? entry.details.bulk : null;
    const bulk = bulkId ? bulkHeads.get(bulkId) : undefined;
    // The operation's line once, before its first row (its rows are consecutive: one transaction).
    if (bulk && bulkId !== currentBulk) sheet.addRow(neutral(groupLine(bulk))).font = { bold: true };
    currentBulk = bulk ? bulkId : null;
    sheet.addRow(neutral(row(entry, bulk)));
    rows += 1;
  }
  sheet.columns.forEach((column, i) => (column.width = [8, 20, 26, 14, 10, 30, 14, 24, 14, 60, 30, 38, 38, 48][i] ?? 16));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const about = workbook.addWorksheet('筛选条件');
  for (const [label, value] of filterLines) about.addRow([neutralizeFormula(label), neutralizeFormula(value)]);
  about.addRow(['条目数', rows]);
  about.columns.forEach((column) => (column.width = 30));
  workbook.title = '审计日志';
  return { base64: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64'), rows };
}
