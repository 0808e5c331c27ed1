import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AUDIT_EXPORT_HEADER, AUDIT_EXPORT_ID_COLUMNS } from '../../../src-main/core/audit/auditlog-export';
import { RAW_KEY_PATTERN, UUID_PATTERN } from '../../../src-shared/labels/audit-labels';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { expectOk, setUpCore, tempDir } from './helpers';

const b64 = (b: Buffer) => b.toString('base64');

/**
 * What a person chose or typed and may legitimately look like a key: file names and folders.
 * Removed before the check so only the app's own words are judged.
 */
function withoutFileNames(text: string): string {
  return text.replace(/(?:[A-Za-z]:)?[\\/][^\s；：、，]*/g, ' ').replace(/[^\s；：、，]+\.(?:cbk|xlsx|csv)\b/g, ' ');
}

async function exportedRows(core: Awaited<ReturnType<typeof setUpCore>>['core']) {
  const out = expectOk(await core.call('auditlog.export', {}));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('审计日志')!;
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('audit log export after a realistic workflow reads in words', () => {
  it('roster import, census import, crisis event, backup and exports: no raw key or id outside the id columns', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    // Roster import.
    const roster = b64(csvUtf8Bom(ROSTER_HEADERS, rosterRows(8)));
    const preview = expectOk(await core.call('roster.preview', { fileName: '花名册.csv', contentBase64: roster }));
    expectOk(await core.call('roster.import', { fileName: '花名册.csv', contentBase64: roster, mapping: preview.mapping }));
    // Census import, its list and its exports.
    const batch = expectOk(await core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026级新生' }));
    const students = censusStudents(8);
    expectOk(
      await core.call('census.import', {
        batchId: batch.id,
        fileName: '普查.csv',
        contentBase64: b64(
          csvUtf8Bom(
            CENSUS_HEADERS,
            students.map((s) => censusRow(s, 'numbers')),
          ),
        ),
      }),
    );
    const followups = expectOk(await core.call('census.followups', { batchId: batch.id }));
    expect(followups.length).toBeGreaterThan(0);
    expectOk(await core.call('census.followupHistory', { followupId: followups[0].id }));
    expectOk(await core.call('census.exportStatistics', { batchId: batch.id }));
    // A crisis event: opened, on the board, level changed.
    const found = expectOk(await core.call('students.search', { query: '' }));
    const student = found.rows[0];
    const crisis = expectOk(await core.call('crisis.open', { level: '2', studentId: student.id, description: '宿舍发现学生情绪激动（合成数据）' }));
    expectOk(await core.call('crisis.board', {}));
    expectOk(await core.call('crisis.get', { id: crisis.id }));
    expectOk(await core.call('crisis.setLevel', { id: crisis.id, level: '1', reason: '学生表达自伤念头（合成数据）' }));
    expectOk(await core.call('students.get', { id: student.id }));
    // Backup, statistics export, an audit export, a verification.
    expectOk(await core.call('backup.create', { folder: tempDir('counsel-backups-') }));
    expectOk(await core.call('statistics.exportXlsx', { period: { kind: 'schoolYear', schoolYear: 2026 } }));
    expectOk(await core.call('auditlog.verify', {}));
    expectOk(await core.call('auditlog.export', {}));

    const [header, ...rows] = await exportedRows(core);
    expect(header).toEqual(AUDIT_EXPORT_HEADER);
    expect(rows.length).toBeGreaterThan(30);
    const idColumns = new Set(AUDIT_EXPORT_ID_COLUMNS.map((name) => header!.indexOf(name)));
    const utcColumn = header!.indexOf('时间（UTC）');
    const offending: string[] = [];
    for (const row of rows) {
      row.forEach((cell, i) => {
        if (idColumns.has(i)) return;
        const words = i === utcColumn ? '' : withoutFileNames(cell);
        // In the Chinese export a lowercase Latin word is a code too (来源：crisis); the fallbacks
        // (其他操作/其他记录/其他字段/其他设置) mean a label is missing.
        if (UUID_PATTERN.test(cell) || RAW_KEY_PATTERN.test(words) || /\b[a-z]{2,}\b/.test(words) || /其他(操作|记录|字段|设置)/.test(cell))
          offending.push(`${header![i]}: ${cell}`);
      });
    }
    if (process.env.SHOW_AUDIT) console.log(rows.map((r) => r.join(' | ')).join('\n'));
    expect(offending).toEqual([]);

    // The workflow is there, in words, with the records by the names people know them by.
    const text = rows.map((r) => r.join(' | ')).join('\n');
    expect(text).toContain('导入花名册');
    expect(text).toContain('导入普查结果');
    expect(text).toContain('2026级新生普查');
    expect(text).toContain(crisis.eventNo);
    expect(text).toContain('创建备份');
    expect(text).toMatch(/修改的内容：[^；|]*级别/);
    expect(text).toContain(`${student.name}（${student.studentNo}）`);
    // And the ids stay traceable in their own columns.
    const ids = rows.map((r) => [...idColumns].map((i) => r[i]).join(' ')).join('\n');
    expect(ids).toContain(crisis.id);
    expect(ids).toContain(batch.id);
  });
});
