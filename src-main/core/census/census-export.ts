import ExcelJS from 'exceljs';
import { neutralizeFormula } from '../util/rejected-file';
import type { censusStatistics } from './census-statistics';

type Statistics = ReturnType<typeof censusStatistics>;

const STATUS_ZH: Record<string, string> = { pending: '待约谈', done: '已约谈' };
const OUTCOME_ZH: Record<string, string> = { cleared: '排除', watch: '继续观察', key_attention: '重点关注', crisis: '危机' };

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][]) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  // Text cells that start like a formula stay text in Excel.
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v)));
  sheet.columns.forEach((column) => (column.width = 16));
}

async function toBase64(workbook: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** The minimum a department needs to organise interviews: who, which class, done or not. No scores. */
export async function departmentListXlsx(entries: { studentNo: string; name: string; className: string | null; status: string }[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    '约谈名单',
    ['学号', '姓名', '班级', '约谈状态'],
    entries.map((e) => [e.studentNo, e.name, e.className, STATUS_ZH[e.status] ?? e.status]),
  );
  return toBase64(workbook);
}

export async function statisticsXlsx(batchName: string, stats: Statistics): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    '参测情况',
    ['院系', '应测人数', '参测人数'],
    stats.participation.map((p) => [p.department ?? '（未填）', p.roster, p.screened]),
  );
  addSheet(
    workbook,
    '筛查阳性',
    ['量表', '参测人数', '筛查阳性/UPI 一类', '比例'],
    stats.positiveRates.map((r) => [r.instrument, r.screened, r.positive, r.screened ? Math.round((r.positive / r.screened) * 1000) / 10 : null]),
  );
  addSheet(
    workbook,
    'SCL-90因子',
    ['因子', '因子分≥2人数', '平均因子分'],
    stats.scl90Factors.map((f) => [f.labelZh, f.positive, f.meanOfMeans]),
  );
  addSheet(
    workbook,
    'UPI分类',
    ['类别', '人数'],
    stats.upiCategories.map((c) => [c.key ? `第${c.key}类` : '未能判定', c.count]),
  );
  addSheet(
    workbook,
    '约谈进度',
    ['项目', '人数'],
    [
      ['列入约谈', stats.followups.listed],
      ['已约谈', stats.followups.done],
      ...stats.followups.outcomes.map((o) => [OUTCOME_ZH[o.key ?? ''] ?? o.key, o.count]),
    ],
  );
  workbook.title = `${batchName} 普查统计`;
  return toBase64(workbook);
}
