import ExcelJS from 'exceljs';
import type { Statistics, StatisticsCell } from '../../../src-shared/contract/statistics';
import { neutralizeFormula } from '../util/rejected-file';
import { statisticsLabelsIn } from '../../../src-shared/labels/statistics-labels';
import { familyContactSheet } from './family-figures';
import { groupFigureRows } from './group-figures';
import { educationSheets } from './education-figures';

/**
 * Chinese labels of the files the center hands upward (the exports are in Chinese whatever the UI
 * language), from the one statistics dictionary the screen reads too.
 */
const ZH = statisticsLabelsIn('zh-CN');
const MODE_ZH: Record<string, string> = ZH.modes;
const KIND_ZH: Record<string, string> = {
  ...ZH.activityKinds,
};
const INSTRUMENT_ZH: Record<string, string> = ZH.instruments;
const PERIOD_ZH = ZH.periodKinds;
const NOTE = `注：统计数据已去标识化。${ZH.suppressedNotice}`;
const { summary: S, sections: SECTION, columns: C } = ZH;

type Value = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Value[][], note = true) {
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(header).font = { bold: true };
  // Text cells that start like a formula stay text in Excel.
  for (const row of rows) sheet.addRow(row.map((v) => (typeof v === 'string' ? neutralizeFormula(v) : v)));
  if (note) {
    sheet.addRow([]);
    sheet.addRow([NOTE]);
  }
  sheet.columns.forEach((column, i) => (column.width = i === 0 ? 24 : 14));
}

const value = (c: StatisticsCell | null): Value => c;
const percent = (r: number | null): Value => (r === null ? '—' : `${r}%`);
const orNone = (label: string | null, none: string) => label ?? none;

async function toBase64(workbook: ExcelJS.Workbook): Promise<string> {
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

function header(stats: Statistics, school: string): Value[][] {
  return [
    ['学校', school || '—'],
    ['统计周期', `${stats.period.start} 至 ${stats.period.end}（${PERIOD_ZH[stats.period.kind]}）`],
    ['院系', stats.department ?? '全校'],
  ];
}

/** The statistics page as a workbook: one sheet per table. */
export async function statisticsXlsx(stats: Statistics, school: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  addSheet(
    workbook,
    '概况',
    ['项目', '数值'],
    [
      ...header(stats, school),
      [S.sessions, value(stats.sessions.total)],
      [S.students, value(stats.sessions.students)],
      [S.hours, stats.sessions.hours ?? '—'],
      [S.casesOpened, value(stats.cases.opened)],
      [S.casesClosed, value(stats.cases.closed)],
      [S.crisis, value(stats.crisis.total)],
      [S.referrals, value(stats.referrals.total)],
      [S.keyAttention, value(stats.keyAttention.atEnd)],
      [S.keyAttentionAdded, value(stats.keyAttention.added)],
      [S.keyAttentionRemoved, value(stats.keyAttention.removed)],
      ...groupFigureRows(stats.groups),
    ],
  );
  addSheet(
    workbook,
    SECTION.byMode,
    [C.mode, C.sessions, C.students],
    stats.sessions.byMode.map((r) => [MODE_ZH[r.key ?? ''] ?? r.key, value(r.sessions), value(r.students)]),
  );
  addSheet(
    workbook,
    SECTION.byTopic,
    [C.topic, C.sessions, C.students],
    stats.sessions.byTopic.map((r) => [orNone(r.label, ZH.otherTopics), value(r.sessions), value(r.students)]),
  );
  addSheet(
    workbook,
    C.grade,
    [C.grade, C.sessions, C.students],
    stats.sessions.byGrade.map((r) => [orNone(r.label, ZH.noGrade), value(r.sessions), value(r.students)]),
  );
  addSheet(
    workbook,
    S.crisis,
    [C.level, C.events, C.students],
    stats.crisis.byLevel.map((r) => [r.label, value(r.events), value(r.students)]),
  );
  addSheet(
    workbook,
    SECTION.census,
    [C.batch, C.roster, C.screened, C.participationRate, C.listed, C.interviewed],
    stats.census.map((b) => [b.name, value(b.roster), value(b.screened), percent(b.participationRate), value(b.listed), value(b.interviewed)]),
  );
  addSheet(
    workbook,
    SECTION.activities,
    [C.kind, C.count, C.participants],
    stats.activities.byKind.map((r) => [KIND_ZH[r.kind] ?? r.kind, r.count, r.participants]),
    false,
  );
  addSheet(workbook, ...familyContactSheet(stats.familyContacts));
  for (const sheet of educationSheets(stats.education)) addSheet(workbook, sheet.name, sheet.header, sheet.rows);
  return toBase64(workbook);
}

/**
 * 工作总结数据: the figures a school's center reports upward for a semester or a year, in the
 * usual sections. Same suppression as every export.
 */
export async function workReportXlsx(stats: Statistics, school: string, text: [string, string[], Value[][]] | null = null): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  // The written part (工作进展、存在问题、工作建议) first, when the center wrote one for the period.
  if (text) addSheet(workbook, ...text, false);
  addSheet(
    workbook,
    '基本情况',
    ['项目', '数值'],
    [
      ...header(stats, school),
      ['个体咨询人次', value(stats.sessions.total)],
      ['服务学生数', value(stats.sessions.students)],
      ['咨询时长（小时）', stats.sessions.hours ?? '—'],
      ['新开个案数', value(stats.cases.opened)],
      ['结案个案数', value(stats.cases.closed)],
      ...stats.sessions.byMode.map((r): Value[] => [`其中：${MODE_ZH[r.key ?? ''] ?? r.key}（人次）`, value(r.sessions)]),
      ...groupFigureRows(stats.groups),
    ],
  );
  addSheet(
    workbook,
    '咨询问题分布',
    ['问题类别', C.sessions, C.students],
    stats.sessions.byTopic.map((r) => [orNone(r.label, ZH.otherTopics), value(r.sessions), value(r.students)]),
  );
  addSheet(
    workbook,
    '危机干预',
    ['项目', '数值'],
    [
      ['危机事件总数', value(stats.crisis.total)],
      ['涉及学生数', value(stats.crisis.students)],
      ...stats.crisis.byLevel.map((r): Value[] => [`${r.label}事件`, value(r.events)]),
      ['转介就医人次', value(stats.referrals.total)],
      ['转介就医学生数', value(stats.referrals.students)],
    ],
  );
  addSheet(
    workbook,
    '心理普查',
    ['批次', '应测人数', '参测人数', '参测率', ...['scl90', 'upi'].flatMap((i) => [`${INSTRUMENT_ZH[i]}人数`, `${INSTRUMENT_ZH[i]}率`]), '约谈人数'],
    stats.census.map((b) => {
      const of = (instrument: string) => b.positives.find((p) => p.instrument === instrument);
      return [
        b.name,
        value(b.roster),
        value(b.screened),
        percent(b.participationRate),
        ...['scl90', 'upi'].flatMap((i): Value[] => (of(i) ? [value(of(i)!.positive), percent(of(i)!.rate)] : ['—', '—'])),
        value(b.interviewed),
      ];
    }),
  );
  addSheet(
    workbook,
    '教育活动与培训',
    ['类别', '场次', '参与人次'],
    [
      ...stats.activities.byKind.map((r): Value[] => [KIND_ZH[r.kind] ?? r.kind, r.count, r.participants]),
      [ZH.totalActivities, stats.activities.activities.count, stats.activities.activities.participants],
      [ZH.totalTrainings, stats.activities.trainings.count, stats.activities.trainings.participants],
    ],
    false,
  );
  addSheet(
    workbook,
    '重点关注学生',
    ['项目', '人数'],
    [
      ['期末在库人数', value(stats.keyAttention.atEnd)],
      ['本期新增', value(stats.keyAttention.added)],
      ['本期解除', value(stats.keyAttention.removed)],
    ],
  );
  for (const sheet of educationSheets(stats.education)) addSheet(workbook, sheet.name, sheet.header, sheet.rows);
  addSheet(workbook, ...familyContactSheet(stats.familyContacts));
  workbook.title = '心理健康教育与咨询工作总结数据';
  return toBase64(workbook);
}

/** File names carry only the period and department: nothing about a student. */
export function exportFileName(kind: '统计' | '工作总结数据', stats: Statistics): string {
  return `心理中心${kind}-${stats.department ? `${stats.department}-` : ''}${stats.period.start}至${stats.period.end}.xlsx`;
}
