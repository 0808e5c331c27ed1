import { statisticsLabelsIn, statisticsScreenLabelsIn } from '../../../src-shared/labels/statistics-labels';
import type { Leaves } from '../types';
import type { statisticsZhCN } from './statistics.zh-CN';

/** Figure names come from the one statistics dictionary in src-shared, which the exports read too. */
const SHARED = statisticsLabelsIn('en');

/** statistics: English. */
export const statisticsEn: Leaves<typeof statisticsZhCN> = {
  title: 'Statistics',
  intro:
    "De-identified figures of the center's work by month, semester or school year, optionally for one department. No figure carries a student's name or number.",
  exactNotice: 'You see exact figures. In exported files, figures involving fewer than 5 students show as "<5".',
  period: {
    label: 'Period',
    month: 'Month',
    semester: 'Semester',
    schoolYear: 'School year',
    schoolYearOption: 'School year {{from}}–{{to}}',
    autumn: 'Autumn semester',
    spring: 'Spring semester',
    range: '{{start}} to {{end}}',
    fromTeachingTerm: "Semester dates follow the calendar's teaching weeks",
    monthPlaceholder: 'Choose a month',
  },
  department: {
    label: 'Department',
    all: 'Whole school',
  },
  actions: {
    exportXlsx: 'Export Excel',
    exportPdf: 'Export PDF',
    workReport: 'Export work report',
    exported: 'Exported {{name}}',
  },
  summary: {
    ...SHARED.summary,
    keyAttentionChange: '{{added}} added / {{removed}} removed',
  },
  ...statisticsScreenLabelsIn('en'),
  empty: 'Nothing recorded in this period.',
  chartEmpty: 'No figures to chart',
  errors: {
    statisticsUnknownZone: 'Unknown time zone.',
  },
};
