import type { STATISTICS_ERROR_REASONS } from '../../../src-shared/contract/statistics';
import type { ReasonTexts } from '../types';
import { statisticsLabelsIn, statisticsScreenLabelsIn } from '../../../src-shared/labels/statistics-labels';

/** Figure names come from the one statistics dictionary in src-shared, which the exports read too. */
const SHARED = statisticsLabelsIn('zh-CN');

/** statistics: 简体中文. Same keys in statistics.en.ts. */
export const statisticsZhCN = {
  title: '统计',
  intro: '按月、学期或学年查看中心工作的去标识化统计，可按院系筛选。所有数字均不含学生姓名、学号等身份信息。',
  exactNotice: '您看到的是精确数字。导出的文件中，涉及不足5名学生的数字将显示为“<5”。',
  period: {
    label: '统计周期',
    month: '月',
    semester: '学期',
    schoolYear: '学年',
    schoolYearOption: '{{from}}–{{to}}学年',
    autumn: '秋季学期',
    spring: '春季学期',
    range: '{{start}} 至 {{end}}',
    fromTeachingTerm: '学期起止已按校历教学周调整',
    monthPlaceholder: '选择月份',
  },
  department: {
    label: '院系',
    all: '全校',
  },
  actions: {
    exportXlsx: '导出 Excel',
    exportPdf: '导出 PDF',
    workReport: '导出工作总结数据',
    exported: '已导出 {{name}}',
  },
  summary: {
    ...SHARED.summary,
    keyAttentionChange: '新增 {{added}} / 解除 {{removed}}',
  },
  ...statisticsScreenLabelsIn('zh-CN'),
  empty: '这段时间没有记录。',
  chartEmpty: '暂无可绘制的数据',
  errors: {
    statisticsUnknownZone: '无法识别的时区。',
  } satisfies ReasonTexts<typeof STATISTICS_ERROR_REASONS>,
};
