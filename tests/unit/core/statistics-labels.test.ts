import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_KINDS } from '../../../src-shared/contract/activities';
import {
  STATISTICS_ACTIVITY_KIND_LABELS,
  STATISTICS_COLUMN_LABELS,
  STATISTICS_INSTRUMENT_LABELS,
  STATISTICS_MODE_LABELS,
  STATISTICS_PERIOD_KIND_LABELS,
  STATISTICS_SECTION_LABELS,
  STATISTICS_SUMMARY_LABELS,
  STATISTICS_TEXT_LABELS,
  statisticsLabelsIn,
} from '../../../src-shared/labels/statistics-labels';
import { sessionNotes } from '../../../src-main/core/store/schema/notes';
import { en } from '../../../src-renderer/i18n/en';
import { zhCN } from '../../../src-renderer/i18n/zh-CN';
import { expectOk, setUpCore } from './helpers';

const TABLES = {
  STATISTICS_SUMMARY_LABELS,
  STATISTICS_SECTION_LABELS,
  STATISTICS_COLUMN_LABELS,
  STATISTICS_INSTRUMENT_LABELS,
  STATISTICS_MODE_LABELS,
  STATISTICS_ACTIVITY_KIND_LABELS,
  STATISTICS_PERIOD_KIND_LABELS,
  STATISTICS_TEXT_LABELS,
};
const CJK = /[\u4e00-\u9fff]/;

async function sheetsOf(base64: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out = new Map<string, string[]>();
  workbook.eachSheet((sheet) => {
    const cells: string[] = [];
    sheet.eachRow((row) => (row.values as unknown[]).forEach((v) => v !== null && v !== undefined && cells.push(String(v))));
    out.set(sheet.name, cells);
  });
  return out;
}

describe('statistics: one dictionary for the screen and the exports', () => {
  it('every label has both languages: Chinese in Chinese, English without Chinese; every mode and activity kind has one', () => {
    const missing: string[] = [];
    for (const [table, labels] of Object.entries(TABLES)) {
      for (const [key, pair] of Object.entries(labels as Record<string, readonly [string, string]>)) {
        if (!pair[0]?.trim() || !CJK.test(pair[0])) missing.push(`${table}.${key} zh-CN`);
        if (!pair[1]?.trim() || CJK.test(pair[1])) missing.push(`${table}.${key} en`);
      }
    }
    expect(missing).toEqual([]);
    expect(ACTIVITY_KINDS.filter((kind) => !STATISTICS_ACTIVITY_KIND_LABELS[kind])).toEqual([]);
    expect(sessionNotes.mode.enumValues.filter((mode) => !(mode in STATISTICS_MODE_LABELS))).toEqual([]);
  });

  it('the screen uses the same words, in both languages (statistics, session modes, activity kinds)', () => {
    for (const [lang, bundle] of [
      ['zh-CN', zhCN],
      ['en', en],
    ] as const) {
      const words = statisticsLabelsIn(lang);
      const screen = bundle.statistics as unknown as Record<string, unknown>;
      expect(screen.summary, lang).toMatchObject(words.summary);
      expect(screen.sections, lang).toEqual(words.sections);
      expect(screen.columns, lang).toEqual(words.columns);
      expect(screen.instruments, lang).toEqual(words.instruments);
      for (const key of ['otherTopics', 'noGrade', 'totalActivities', 'totalTrainings', 'suppressedNotice'] as const)
        expect(screen[key], `${lang} ${key}`).toBe(words[key]);
      expect((bundle as unknown as { notes: { modes: unknown } }).notes.modes, lang).toEqual(words.modes);
      expect((bundle as unknown as { activities: { kinds: unknown } }).activities.kinds, lang).toEqual(words.activityKinds);
    }
  });

  it('the exports use the same words as the screen (zh-CN)', async () => {
    const { core } = await setUpCore({ adminIsDirector: true });
    const words = statisticsLabelsIn('zh-CN');
    const period = { kind: 'schoolYear' as const, schoolYear: 2026 };
    const stats = await sheetsOf(expectOk(await core.call('statistics.exportXlsx', { period })).contentBase64);
    const overview = stats.get('概况')!;
    for (const key of ['sessions', 'students', 'hours', 'casesOpened', 'casesClosed', 'crisis', 'referrals', 'keyAttention'] as const)
      expect(overview, key).toContain(words.summary[key]);
    expect(overview.join('')).toContain(words.periodKinds.schoolYear);
    for (const section of ['byMode', 'byTopic', 'census', 'activities'] as const) expect([...stats.keys()], section).toContain(words.sections[section]);
    expect(stats.get(words.sections.byMode)!.slice(0, 3)).toEqual([words.columns.mode, words.columns.sessions, words.columns.students]);
    expect(stats.get(words.sections.census)).toEqual(
      expect.arrayContaining([words.columns.roster, words.columns.screened, words.columns.participationRate, words.columns.listed, words.columns.interviewed]),
    );
    expect(overview.join('\n')).toContain(words.suppressedNotice);

    const report = await sheetsOf(expectOk(await core.call('statistics.workReport', { period })).contentBase64);
    const activities = report.get(words.sections.activities)!;
    expect(activities).toEqual(
      expect.arrayContaining([words.totalActivities, words.totalTrainings, words.columns.kind, words.columns.count, words.columns.participants]),
    );
  });
});
