import type { AUDITLOG_ERROR_REASONS } from '../../../src-shared/contract/auditlog';
import type { ReasonTexts } from '../types';
import { auditLabelsIn } from '../../../src-shared/labels/audit-labels';
/** auditlog: 简体中文. */
export const auditlogZhCN = {
  title: '审计日志',
  intro: '记录谁在什么时间、从哪台工作站做了什么操作。日志只记录操作本身，不含任何咨询内容。',
  filters: {
    person: '操作人',
    personPlaceholder: '全部人员',
    disabled: '（已停用）',
    student: '涉及学生',
    studentPlaceholder: '输入学号、姓名或拼音查找',
    category: '操作类型',
    categoryPlaceholder: '全部类型',
    time: '时间范围',
    from: '起始日期',
    to: '截止日期',
    reset: '清除筛选',
    nonClinical: '您的账号没有临床权限：审计日志不按学生筛选，涉及临床记录的条目只显示为“临床记录”，不显示类型和学生。',
  },
  columns: {
    at: '时间',
    actor: '操作人',
    action: '操作',
    subject: '对象',
    workstation: '工作站',
    details: '详情',
  },
  system: '系统',
  thisWorkstation: '本工作站',
  unnamedWorkstation: '未命名工作站',
  otherWorkstation: '其他工作站',
  total: '共 {{total}} 条',
  totalMore: '超过 {{total}} 条',
  groupRows: '批量操作的各条记录',
  empty: '没有符合条件的日志记录。',
  // Categories, actions, record kinds, fields and coded values: the one dictionary in src-shared,
  // which the core's .xlsx export reads too.
  ...auditLabelsIn('zh-CN'),
  yes: '是',
  no: '否',
  verify: {
    button: '校验日志链',
    intact: '日志链完整：已校验 {{checked}} 条记录，未发现篡改或删除。',
    broken: '日志链在第 {{seq}} 条记录（{{at}}）处断开：{{reason}}。该条及其后的记录可能被改动或删除，请立即报告中心主任。',
    reasons: {
      hashMismatch: '记录内容与其哈希值不符',
      prevHashMismatch: '与前一条记录的链接不符',
      sequenceGap: '序号不连续，有记录被删除',
      unreadable: '记录详情无法读取',
    },
  },
  export: {
    button: '导出',
    done: '已导出 {{rows}} 条记录。',
  },
  errors: {
    auditLogRangeInverted: '截止时间须晚于起始时间。',
    auditLogStudentFilterClinical: '按学生查看审计日志需要临床权限（中心主任、咨询师、督导或实习咨询师）。',
    auditLogExportTooLarge: '符合条件的记录有 {{total}} 条，超过单次导出上限 {{max}} 条。请缩小时间范围，分批导出。',
  } satisfies ReasonTexts<typeof AUDITLOG_ERROR_REASONS>,
};
