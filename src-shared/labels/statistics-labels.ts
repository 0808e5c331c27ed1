/**
 * The one dictionary of the statistics' words, in both languages: the renderer's statistics
 * screen (its i18n module spreads these in) and the core's .xlsx exports (statistics and work
 * report, always in Chinese) read it, so the screen and the file handed upward name every
 * figure the same way. Every entry is [简体中文, English].
 *
 * tests/unit/core/statistics-labels.test.ts fails when a label is missing in either language,
 * when the screen's words drift from these, or when the export does not use them.
 */
import { ACTIVITY_KINDS } from '../contract/activities';

export type StatisticsLanguage = 'zh-CN' | 'en';
type Pair = readonly [zh: string, en: string];

export const STATISTICS_SUMMARY_LABELS = {
  sessions: ['咨询人次', 'Sessions'],
  students: ['服务学生数', 'Students served'],
  hours: ['咨询时长（小时）', 'Counseling hours'],
  casesOpened: ['新开个案', 'New cases'],
  casesClosed: ['结案个案', 'Closed cases'],
  crisis: ['危机事件', 'Crisis events'],
  referrals: ['转介就医', 'Hospital referrals'],
  keyAttention: ['重点关注学生（期末）', 'Key-attention list (period end)'],
  keyAttentionAdded: ['重点关注新增', 'Key attention: added'],
  keyAttentionRemoved: ['重点关注解除', 'Key attention: removed'],
} as const satisfies Record<string, Pair>;

export const STATISTICS_SECTION_LABELS = {
  byMode: ['咨询方式', 'Session mode'],
  byTopic: ['咨询议题', 'Session topics'],
  byGrade: ['按年级', 'By grade'],
  crisis: ['危机事件（按级别）', 'Crisis events by level'],
  census: ['心理普查', 'Census'],
  activities: ['教育活动与培训', 'Education activities and trainings'],
} as const satisfies Record<string, Pair>;

export const STATISTICS_COLUMN_LABELS = {
  mode: ['方式', 'Mode'],
  topic: ['议题', 'Topic'],
  grade: ['年级', 'Grade'],
  level: ['级别', 'Level'],
  sessions: ['咨询人次', 'Sessions'],
  students: ['学生数', 'Students'],
  events: ['事件数', 'Events'],
  batch: ['批次', 'Batch'],
  roster: ['应测人数', 'Roster'],
  screened: ['参测人数', 'Screened'],
  participationRate: ['参测率', 'Participation'],
  positive: ['筛查阳性', 'Screen positive'],
  listed: ['列入约谈', 'Listed for interview'],
  interviewed: ['已约谈', 'Interviewed'],
  kind: ['类别', 'Kind'],
  count: ['场次', 'Held'],
  participants: ['参与人次', 'Participants'],
} as const satisfies Record<string, Pair>;

/** The census figure each instrument contributes. */
export const STATISTICS_INSTRUMENT_LABELS = {
  scl90: ['SCL-90 筛查阳性', 'SCL-90 screen-positive'],
  upi: ['UPI 一类', 'UPI category 1'],
} as const satisfies Record<string, Pair>;

export const STATISTICS_MODE_LABELS = {
  in_person: ['面询', 'In person'],
  phone: ['电话', 'Phone'],
  online: ['网络', 'Online'],
} as const satisfies Record<string, Pair>;

export const STATISTICS_ACTIVITY_KIND_LABELS: Record<(typeof ACTIVITY_KINDS)[number], Pair> = {
  mental_health_month: ['5·25心理健康月活动', 'May 25 mental health month'],
  mental_health_week: ['心理健康周活动', 'Mental health week'],
  lecture: ['讲座', 'Lecture'],
  workshop: ['工作坊', 'Workshop'],
  psychodrama: ['心理情景剧', 'Psychodrama'],
  quiz: ['知识竞赛', 'Knowledge quiz'],
  class_meeting: ['主题班会', 'Class meeting'],
  training_peer_counselors: ['心理委员培训', 'Peer counselor training'],
  training_department_counselors: ['辅导员培训', 'Department counselor training'],
  other: ['其他', 'Other'],
  campus_radio: ['校园广播', 'Campus radio'],
  website: ['网站', 'Website'],
  wechat_account: ['微信公众号', 'WeChat official account'],
  bulletin_board: ['宣传栏', 'Bulletin board'],
};

/** The period's kind as a file names it (月度/学期/学年). */
export const STATISTICS_PERIOD_KIND_LABELS = {
  month: ['月度', 'Monthly'],
  semester: ['学期', 'Semester'],
  schoolYear: ['学年', 'School year'],
} as const satisfies Record<string, Pair>;

export const STATISTICS_TEXT_LABELS = {
  otherTopics: ['其他（合并）', 'Other (merged)'],
  noGrade: ['（未填年级）', '(no grade)'],
  totalActivities: ['心理健康教育活动合计', 'Education activities, total'],
  totalTrainings: ['培训合计', 'Trainings, total'],
  suppressedNotice: [
    '为保护学生隐私，涉及不足5名学生的数字显示为“<5”；为防止由合计反推而隐去的数字显示为“—”。',
    'To protect students, figures involving fewer than 5 students show as "<5"; figures withheld so a "<5" cannot be worked out from a total show as "—".',
  ],
} as const satisfies Record<string, Pair>;

function pick<T extends Record<string, Pair>>(table: T, lang: StatisticsLanguage): { [K in keyof T]: string } {
  return Object.fromEntries(Object.entries(table).map(([key, pair]) => [key, pair[lang === 'en' ? 1 : 0]])) as { [K in keyof T]: string };
}

/** One language's words: the renderer's statistics i18n spreads these; the export reads 'zh-CN'. */
export function statisticsLabelsIn(lang: StatisticsLanguage) {
  return {
    summary: pick(STATISTICS_SUMMARY_LABELS, lang),
    sections: pick(STATISTICS_SECTION_LABELS, lang),
    columns: pick(STATISTICS_COLUMN_LABELS, lang),
    instruments: pick(STATISTICS_INSTRUMENT_LABELS, lang),
    modes: pick(STATISTICS_MODE_LABELS, lang),
    activityKinds: pick(STATISTICS_ACTIVITY_KIND_LABELS, lang),
    periodKinds: pick(STATISTICS_PERIOD_KIND_LABELS, lang),
    ...pick(STATISTICS_TEXT_LABELS, lang),
  };
}

/**
 * What the statistics screen shows in the exports' own words (table names, column heads, totals, the
 * suppression notice): its i18n module spreads these in as they are.
 */
export function statisticsScreenLabelsIn(lang: StatisticsLanguage) {
  const { sections, columns, instruments, otherTopics, noGrade, totalActivities, totalTrainings, suppressedNotice } = statisticsLabelsIn(lang);
  return { sections, columns, instruments, otherTopics, noGrade, totalActivities, totalTrainings, suppressedNotice };
}
