import type { STUDENTS_ERROR_REASONS } from '../../../src-shared/contract/students';
import type { ReasonTexts } from '../types';
/** A student record's fields, labelled alike on the student pages and in the roster import's column mapping. */
export const studentRecordFieldsZhCN = {
  studentNo: '学号',
  name: '姓名',
  gender: '性别',
  birthDate: '出生日期',
  department: '院系',
  major: '专业',
  grade: '年级',
  className: '班级',
  dorm: '宿舍',
  phone: '联系电话',
  departmentCounselor: '辅导员',
};

/** students: Simplified Chinese. Same keys in students.en.ts. */
export const studentsZhCN = {
  title: '学生档案',
  search: {
    label: '搜索学生',
    placeholder: '学号、姓名或拼音（如 zs）',
  },
  filters: {
    department: '全部院系',
    grade: '全部年级',
    className: '全部班级',
    status: '全部状态',
    clear: '清除筛选',
  },
  list: {
    label: '学生列表',
    total: '共 {{total}} 名学生',
    keyboardHint: '↑↓ 选择，Enter 打开档案',
    loadingRow: '正在加载…',
    empty: '没有符合条件的学生。',
    emptyStore: '还没有学生。可以导入花名册，或手工新增学生。',
  },
  add: '新增学生',
  importRoster: '导入花名册',
  fields: {
    ...studentRecordFieldsZhCN,
    guardians: '监护人',
    status: '状态',
    source: '建档方式',
    createdAt: '建档时间',
    updatedAt: '最后修改',
  },
  genders: {
    male: '男',
    female: '女',
    other: '其他',
  },
  statuses: {
    enrolled: '在读',
    leave: '休学',
    suspended: '停学',
    graduated: '毕业',
  },
  sources: {
    roster: '花名册导入',
    manual: '手工录入',
  },
  guardian: {
    name: '监护人姓名',
    phone: '监护人电话',
    relation: '关系',
    relationPlaceholder: '如 父亲、母亲',
    add: '添加监护人',
    remove: '删除第 {{n}} 位监护人',
    max: '最多登记 4 位监护人。',
    none: '未登记',
    numbered: '第 {{n}} 位监护人',
  },
  form: {
    createTitle: '新增学生',
    editTitle: '编辑学生：{{name}}',
    basic: '基本信息',
    school: '院系与班级',
    contact: '联系方式',
    pick: '请选择',
    datePlaceholder: '例如 2007-09-01',
    created: '已新增学生 {{name}}。',
    updated: '已保存 {{name}} 的信息。',
    unchanged: '没有需要保存的修改。',
  },
  validation: {
    studentNoChars: '学号只能包含英文字母、数字和连字符。',
    dateInvalid: '不是有效的日期，请按 YYYY-MM-DD 填写，例如 2007-09-01。',
    dateTyped: '“{{value}}”不是有效的日期，请按 YYYY-MM-DD 填写，例如 2007-09-01。',
  },
  file: {
    back: '返回学生列表',
    tabs: {
      info: '基本信息',
      timeline: '时间线',
      assessments: '心理测评',
    },
    notFound: '找不到该学生',
    notFoundDetail: '该学生不存在，或不在您负责的院系范围内。',
    empty: '—',
    timelineEmpty: '暂无记录。',
  },
  levels: {
    CRITICAL: '危急',
    URGENT: '紧急',
    HIGH: '重点',
    REVIEW: '复核',
  },
  /** Titles of the file's timeline entries: the core's `timeline.x` is shown as `students.timeline.x`. */
  timelineFieldSeparator: '、',
  timelineRecordedAt: '记录于 {{at}}',
  timelineOther: '其他记录',
  timeline: {
    studentImported: '从花名册导入建档（学号 {{studentNo}}）',
    studentAdded: '手工建档（学号 {{studentNo}}）',
    assessmentCompleted: '完成测评 {{instrument}}，总分 {{total}}',
    assessmentStarted: '开始测评 {{instrument}}',
    alertRaised: '预警：{{code}}',
    alertAcknowledged: '预警 {{code}} 已确认',
    studentUpdated: '修改基本信息（{{fields}}）',
  },
  errors: {
    studentNotFound: '找不到该学生，或您无权查看。',
    studentNoTaken: '该学号已被使用。',
  } satisfies ReasonTexts<typeof STUDENTS_ERROR_REASONS>,
};
