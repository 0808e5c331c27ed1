/**
 * The one dictionary of the audit log's words, in both languages: the renderer's audit-log screen
 * and the core's .xlsx export both read it, so the screen and the file an inspector receives say
 * the same thing. Every entry is [简体中文, English].
 *
 * tests/unit/core/auditlog-labels.test.ts walks every table of the schema, every column and every
 * action the core's source writes, and fails when one lacks a label here.
 */
export type AuditLanguage = 'zh-CN' | 'en';
type Pair = readonly [zh: string, en: string];

export const AUDIT_CATEGORY_LABELS: Record<string, Pair> = {
  view: ['查看', 'View'],
  create: ['新建', 'Create'],
  change: ['修改', 'Change'],
  sign: ['签署', 'Sign'],
  unlock: ['解锁', 'Unlock'],
  export: ['导出', 'Export'],
  print: ['打印', 'Print'],
  disclose: ['披露', 'Disclosure'],
  'break-glass': ['紧急查阅', 'Emergency access'],
  'sign-in': ['登录', 'Sign-in'],
  'failed-sign-in': ['登录失败', 'Failed sign-in'],
  other: ['其他', 'Other'],
};

/** Actions the modules record (tx.record, insert/update/delete options) and the writer's defaults. */
export const AUDIT_ACTION_LABELS: Record<string, Pair> = {
  view: ['查看', 'Viewed'],
  'view-timeline': ['查看时间线', 'Viewed the timeline'],
  'view-critical-findings': ['查看危急结果', 'Viewed critical findings'],
  create: ['新建', 'Created'],
  change: ['修改', 'Changed'],
  destroy: ['销毁', 'Destroyed'],
  'destroy-unlink': ['销毁时解除关联', 'Unlinked at destruction'],
  intake: ['初始访谈', 'Intake'],
  import: ['导入', 'Imported'],
  'roster-import': ['导入花名册', 'Imported the roster'],
  'network-import': ['导入工作网络', 'Imported the work network'],
  retire: ['标记离任', 'Marked as left'],
  'census-import': ['导入普查结果', 'Imported census results'],
  'census-reimport': ['重新导入普查结果', 'Re-imported census results'],
  'census-create-student': ['普查中新增学生', 'Added a student from the census'],
  'census-add-instruments': ['普查增加量表', 'Added instruments to the census'],
  'interview-reopened': ['重新开启约谈', 'Reopened the interview'],
  attach: ['添加附件', 'Attached a file'],
  detach: ['移除附件', 'Removed an attachment'],
  sign: ['签署', 'Signed'],
  cosign: ['督导会签', 'Co-signed'],
  unlock: ['解锁', 'Unlocked'],
  export: ['导出', 'Exported'],
  print: ['打印', 'Printed'],
  disclose: ['批准披露', 'Approved a disclosure'],
  'reject-disclosure': ['驳回披露', 'Rejected a disclosure'],
  break_glass: ['紧急查阅', 'Emergency access'],
  'break-glass': ['紧急查阅', 'Emergency access'],
  'sign-in': ['登录', 'Signed in'],
  'recovery-unlock': ['用恢复码登录', 'Signed in with the recovery code'],
  'failed-sign-in': ['登录失败', 'Failed sign-in'],
  'unlock-guard-reset': ['登录失败计数清零', 'Failed sign-in count reset'],
  'verify-audit-chain': ['校验日志链', 'Verified the audit chain'],
  'access-denied': ['越权访问被拒绝', 'Access denied'],
  'change-password': ['修改密码', 'Changed the password'],
  'reset-password': ['重置密码', 'Reset the password'],
  'recovery-reset-password': ['用恢复码重置密码', 'Reset the password with the recovery code'],
  'change-roles': ['修改角色', 'Changed roles'],
  disable: ['停用账号', 'Disabled the account'],
  enable: ['启用账号', 'Enabled the account'],
  handover: ['工作交接', 'Handed over work'],
  assign: ['分派', 'Assigned'],
  reassign: ['转派', 'Reassigned'],
  'reassign-owner': ['更换负责人', 'Changed the owner'],
  close: ['结案', 'Closed'],
  review: ['复核', 'Reviewed'],
  status: ['修改状态', 'Changed the status'],
  'set-status': ['修改状态', 'Changed the status'],
  'set-level': ['调整级别', 'Changed the level'],
  'request-close': ['申请结案', 'Requested closing'],
  'approve-close': ['批准结案', 'Approved closing'],
  'reject-close': ['驳回结案', 'Rejected closing'],
  complete: ['完成', 'Completed'],
  'not-applicable': ['标记为不适用', 'Marked not applicable'],
  reopen: ['重新开启', 'Reopened'],
  'keep-overdue': ['保留逾期', 'Kept as overdue'],
  request: ['提交申请', 'Requested'],
  approve: ['批准', 'Approved'],
  reject: ['驳回', 'Rejected'],
  archive: ['归档', 'Archived'],
  'destruction-request': ['申请销毁', 'Requested destruction'],
  'destruction-record': ['销毁登记', 'Recorded a destruction'],
  'destruction-carried-out': ['执行销毁', 'Carried out a destruction'],
  'legal-hold': ['法律保全', 'Placed a legal hold'],
  'legal-hold-release': ['解除法律保全', 'Released a legal hold'],
  acknowledge: ['确认预警', 'Acknowledged'],
  answer: ['作答', 'Answered'],
  'enter-student-mode': ['进入学生作答模式', 'Entered student mode'],
  'exit-student-mode': ['退出学生作答模式', 'Left student mode'],
  'student-mode-exit-refused': ['退出学生作答模式被拒绝', 'Leaving student mode refused'],
  defer: ['推迟处理', 'Deferred'],
  'defer-findings': ['推迟处理危急结果', 'Deferred critical findings'],
  'verify-backup': ['校验备份', 'Verified a backup'],
  'prune-backups': ['清理旧备份', 'Removed old backups'],
  'create-backup': ['创建备份', 'Made a backup'],
  move: ['改期', 'Moved'],
  cancel: ['取消', 'Cancelled'],
  rename: ['重命名', 'Renamed'],
  remove: ['移除', 'Removed'],
  schedule: ['安排预约', 'Scheduled'],
  'leave-return-refused': ['复学未通过', 'Return from leave refused'],
  'leave-returned': ['复学', 'Returned from leave'],
  'key-attention-reassign': ['重点关注转派', 'Reassigned key attention'],
  'key-attention-restore': ['恢复重点关注', 'Restored key attention'],
  'key-attention-level': ['调整关注级别', 'Changed the attention level'],
  'key-attention-update': ['更新重点关注', 'Updated key attention'],
  'key-attention-review': ['重点关注复评', 'Reviewed key attention'],
  'key-attention-remove': ['解除重点关注', 'Removed from key attention'],
  'followup-complete': ['完成随访', 'Completed a follow-up'],
  'followup-cancel': ['取消随访', 'Cancelled a follow-up'],
  rejoin: ['重新加入', 'Rejoined'],
  leave: ['退出', 'Left'],
  'risk-change': ['调整风险等级', 'Changed the risk level'],
  'record-feedback': ['登记转介反馈', 'Recorded referral feedback'],
  'sync-bundle': ['生成同步数据包', 'Made a sync bundle'],
  'sync-acknowledged': ['学校服务器确认收到', 'Acknowledged by the school server'],
  'sync-update-applied': ['应用服务器更新', 'Applied a server update'],
  'destruction-approve': ['批准销毁', 'Approved a destruction'],
  'destruction-reject': ['驳回销毁', 'Rejected a destruction'],
  crisisOpened: ['已启动危机处置', 'Crisis response opened'],
  activate: ['启用', 'Activated'],
  deactivate: ['停用', 'Deactivated'],
  'interview-outcome': ['登记约谈结果', 'Recorded the interview outcome'],
  'interview-outcome-change': ['修改约谈结果', 'Changed the interview outcome'],
  'sync-sent': ['同步数据已发送', 'Sync data sent'],
  'sync-not-sent': ['同步数据未发送', 'Sync data not sent'],
  // Categories stand in for the action of a clinical entry an account without a clinical role sees.
  other: ['其他操作', 'Other'],
};

/** Record kinds: every table of the store, and the pseudo-entities some events name. */
export const AUDIT_ENTITY_LABELS: Record<string, Pair> = {
  accounts: ['账号', 'Account'],
  alerts: ['预警', 'Alert'],
  network_people: ['工作网络人员', 'Work network person'],
  applied_updates: ['已应用的服务器更新', 'Applied server update'],
  inbound_applied: ['已应用的服务器回传条目', 'Applied item from the school server'],
  risk_digests: ['其他工作站风险摘要', 'Risk digest from other workstations'],
  appointments: ['预约', 'Appointment'],
  approval_requests: ['审批申请', 'Approval request'],
  assessments: ['心理测评', 'Assessment'],
  attachments: ['附件', 'Attachment'],
  audit_events: ['审计日志', 'Audit log'],
  backup_runs: ['备份', 'Backup'],
  break_glass_accesses: ['紧急查阅记录', 'Emergency access record'],
  cases: ['个案', 'Case'],
  census_batches: ['普查批次', 'Census batch'],
  census_followup_history: ['普查约谈记录', 'Census interview history'],
  census_followups: ['普查约谈', 'Census interview'],
  counseling_groups: ['团体辅导', 'Counseling group'],
  crisis_events: ['危机事件', 'Crisis event'],
  crisis_level_changes: ['危机级别变更', 'Crisis level change'],
  crisis_notifications: ['危机通知', 'Crisis notification'],
  crisis_steps: ['危机处置步骤', 'Crisis step'],
  crisis_templates: ['危机处置模板', 'Crisis template'],
  crisis_board: ['危机看板', 'Crisis board'],
  crisis_summaries: ['危机事件汇总', 'Crisis summary'],
  destruction_guard: ['销毁保护', 'Destruction guard'],
  destruction_records: ['销毁登记', 'Destruction record'],
  destruction_requests: ['销毁申请', 'Destruction request'],
  disclosures: ['信息披露', 'Disclosure'],
  education_activities: ['心理健康教育活动', 'Education activity'],
  training_sessions: ['培训', 'Training session'],
  training_attendance: ['培训出勤', 'Training attendance'],
  supervision_sessions: ['督导', 'Supervision session'],
  mental_health_courses: ['心理健康教育课程', 'Mental health course'],
  family_contacts: ['家校沟通记录', 'Family contact'],
  leadership_escalations: ['领导小组启动应急预案', 'Escalation to the leadership group'],
  leadership_decisions: ['领导小组决定事项', 'Leadership group decision'],
  leadership_approvals: ['领导小组审定', 'Leadership group approval'],
  work_report_texts: ['工作总结（文字部分）', 'Work report text'],
  work_report_deliveries: ['工作总结报送记录', 'Work report delivery'],
  export_bundles: ['同步数据包', 'Sync bundle'],
  followup_tasks: ['随访任务', 'Follow-up task'],
  group_members: ['团体成员', 'Group member'],
  group_sessions: ['团体活动', 'Group session'],
  instrument_wordings: ['量表措辞', 'Instrument wording'],
  intakes: ['初始访谈', 'Intake'],
  key_attention: ['重点关注', 'Key attention'],
  key_attention_history: ['重点关注记录', 'Key attention history'],
  leave_records: ['休学记录', 'Leave record'],
  legal_holds: ['法律保全', 'Legal hold'],
  meta: ['系统信息', 'System information'],
  note_addenda: ['补充记录', 'Note addendum'],
  outbox: ['待同步记录', 'Sync queue'],
  referrals: ['转介', 'Referral'],
  reports: ['上报', 'Report'],
  return_assessments: ['复学评估', 'Return assessment'],
  rooms: ['咨询室', 'Room'],
  safety_plans: ['安全计划', 'Safety plan'],
  session_notes: ['咨询记录', 'Session note'],
  settings: ['设置', 'Settings'],
  statistics: ['统计', 'Statistics'],
  students: ['学生', 'Student'],
  waitlist_entries: ['候补名单', 'Waiting list'],
  channel: ['功能接口', 'Function'],
  'unlock-guard': ['登录保护', 'Sign-in guard'],
  /** What an account without a clinical role sees for any clinical record (auditlog-redaction). */
  clinical: ['临床记录', 'Clinical record'],
};

/**
 * Field names: every column (as the writer names changed fields) and every detail key the
 * modules record.
 */
export const AUDIT_FIELD_LABELS: Record<string, Pair> = {
  access: ['查阅依据', 'Access basis'],
  accessedAt: ['查阅时间', 'Accessed at'],
  reporterPersonId: ['上报人（工作网络）', 'Reporter (work network)'],
  assigneePersonId: ['负责人（工作网络）', 'Assignee (work network)'],
  doneByPersonId: ['实际完成人（工作网络）', 'Done by (work network)'],
  recipientPersonId: ['通知对象（工作网络）', 'Recipient (work network)'],
  role: ['角色', 'Role'],
  office: ['单位/职务', 'Office'],
  termFrom: ['任期开始', 'Term from'],
  termTo: ['任期结束', 'Term to'],
  retiredAt: ['离任时间', 'Left at'],
  afterDays: ['归档期限（天）', 'Archive after (days)'],
  assessments: ['测评数', 'Assessments'],
  breakGlass: ['紧急查阅数', 'Emergency accesses'],
  cases: ['个案数', 'Cases'],
  crisisEvents: ['危机事件数', 'Crisis events'],
  accountId: ['账号', 'Account'],
  trainer: ['培训讲师', 'Trainer'],
  hours: ['时长（小时）', 'Hours'],
  sessionId: ['培训场次', 'Training session'],
  personKey: ['人员', 'Person'],
  registerPersonId: ['人员（工作网络）', 'Person (register)'],
  supervisorAccountId: ['督导（账号）', 'Supervisor (account)'],
  supervisorName: ['督导', 'Supervisor'],
  format: ['形式', 'Format'],
  supervisees: ['接受督导的咨询师', 'Supervisees'],
  teachers: ['授课教师', 'Teachers'],
  departments: ['覆盖院系', 'Departments covered'],
  classes: ['覆盖班级', 'Classes covered'],
  enrolled: ['选课人数', 'Enrolled'],
  organizerLevel: ['组织层级', 'Organiser level'],
  organizerPersonId: ['组织者（工作网络）', 'Organiser (register)'],
  ackAction: ['确认方式', 'Acknowledged by'],
  acknowledgedAt: ['确认时间', 'Acknowledged at'],
  acknowledgedBy: ['确认人', 'Acknowledged by'],
  action: ['操作', 'Action'],
  actionTaken: ['采取的措施', 'Action taken'],
  active: ['启用', 'Active'],
  actorId: ['操作人', 'Actor'],
  addedBy: ['添加人', 'Added by'],
  administeredBy: ['施测人', 'Administered by'],
  afterDigest: ['修改后摘要', 'Digest after'],
  alertId: ['预警', 'Alert'],
  answersDigest: ['作答摘要', 'Answers digest'],
  applicationRef: ['申请编号', 'Application reference'],
  appliedAt: ['应用时间', 'Applied at'],
  applied: ['新应用条数', 'Newly applied'],
  gaps: ['缺失的序号段', 'Missing sequence ranges'],
  entries: ['条目数', 'Entries'],
  itemId: ['回传条目', 'Returned item'],
  digestCreatedAt: ['摘要生成时间', 'Digest made at'],
  receivedAt: ['接收时间', 'Received at'],
  appliedBy: ['应用人', 'Applied by'],
  appointmentId: ['预约', 'Appointment'],
  approvals: ['审批', 'Approvals'],
  approvedBy: ['批准人', 'Approved by'],
  approverId: ['审批人', 'Approver'],
  archivedAt: ['归档时间', 'Archived at'],
  assessedAt: ['评估时间', 'Assessed at'],
  assessedBy: ['评估人', 'Assessed by'],
  assessmentId: ['测评', 'Assessment'],
  assignedTo: ['负责人', 'Assigned to'],
  at: ['时间', 'Time'],
  attendance: ['出勤', 'Attendance'],
  attended: ['出勤人数', 'Attended'],
  attachments: ['附件数', 'Attachments'],
  audience: ['对象', 'Audience'],
  authenticity: ['真实性', 'Authenticity'],
  authorId: ['撰写人', 'Author'],
  basis: ['依据', 'Basis'],
  batchId: ['普查批次', 'Census batch'],
  beforeDigest: ['修改前摘要', 'Digest before'],
  birthDate: ['出生日期', 'Date of birth'],
  body: ['正文', 'Text'],
  breakGlassId: ['紧急查阅记录', 'Emergency access record'],
  bundleId: ['数据包', 'Bundle'],
  byApproval: ['经审批', 'By approval'],
  bytes: ['大小（字节）', 'Size (bytes)'],
  bulk: ['批量操作', 'Bulk operation'],
  cadenceDays: ['间隔天数', 'Interval (days)'],
  cancelReason: ['取消原因', 'Cancellation reason'],
  carriedOutAt: ['执行时间', 'Carried out at'],
  carriedOutBy: ['执行人', 'Carried out by'],
  caseId: ['个案', 'Case'],
  caseNo: ['个案编号', 'Case number'],
  categories: ['操作类别', 'Categories'],
  censusBatchId: ['普查批次', 'Census batch'],
  changed: ['修改的内容', 'Changed'],
  changedAt: ['修改时间', 'Changed at'],
  changedBy: ['修改人', 'Changed by'],
  checked: ['已校验条数', 'Entries checked'],
  className: ['班级', 'Class'],
  closeAction: ['结案方式', 'Closed by'],
  closeRequestedAt: ['申请结案时间', 'Closing requested at'],
  closeRequestedBy: ['申请结案人', 'Closing requested by'],
  closedAt: ['结案时间', 'Closed at'],
  closingReason: ['结案原因', 'Closing reason'],
  closingSummary: ['结案小结', 'Closing summary'],
  code: ['代码', 'Code'],
  cohort: ['年级', 'Cohort'],
  completedAt: ['完成时间', 'Completed at'],
  contactedAt: ['沟通时间', 'Contacted at'],
  way: ['方式', 'Way'],
  targetKind: ['沟通对象类别', 'Contacted person kind'],
  targetPersonId: ['沟通对象（工作网络）', 'Contacted person (register)'],
  targetName: ['沟通对象', 'Contacted person'],
  targetRelation: ['与学生关系', 'Relation to the student'],
  contactorPersonId: ['联系人（工作网络）', 'Contacted by (register)'],
  contactorName: ['联系人', 'Contacted by'],
  purpose: ['目的', 'Purpose'],
  followUp: ['后续跟进', 'Follow-up'],
  recordedBy: ['记录人', 'Recorded by'],
  planStartedAt: ['启动应急预案时间', 'Emergency plan started at'],
  decidedByPersonId: ['决定人（工作网络）', 'Decided by (register)'],
  decidedByName: ['决定人', 'Decided by'],
  escalationId: ['领导小组处置', 'Escalation'],
  text: ['内容', 'Text'],
  assigneeName: ['落实人', 'Carried out by'],
  dueOn: ['完成期限', 'Due on'],
  doneNote: ['落实情况', 'Completion note'],
  doneRecordedBy: ['落实记录人', 'Completion recorded by'],
  subject: ['审定对象', 'Approved item'],
  subjectRef: ['审定版本', 'Approved version'],
  approvedOn: ['审定日期', 'Approved on'],
  meeting: ['会议', 'Meeting'],
  minutesRef: ['纪要编号', 'Minutes reference'],
  periodKey: ['统计周期', 'Period'],
  progress: ['工作进展', 'Progress'],
  problems: ['存在问题', 'Problems'],
  suggestions: ['工作建议', 'Suggestions'],
  revision: ['修订次数', 'Revision'],
  updatedBy: ['修改人', 'Updated by'],
  deliveredOn: ['报送日期', 'Delivered on'],
  concerns: ['关注问题', 'Concerns'],
  conductedAt: ['实施时间', 'Conducted at'],
  conductedBy: ['实施人', 'Conducted by'],
  consent: ['知情同意', 'Consent'],
  consentBy: ['同意人', 'Consent by'],
  consentToShare: ['同意共享', 'Consent to share'],
  content: ['内容', 'Content'],
  contentBase64: ['文件内容', 'File content'],
  cosign: ['需督导会签', 'Co-signature'],
  cosignedAt: ['会签时间', 'Co-signed at'],
  cosignerId: ['会签督导', 'Co-signer'],
  counselorId: ['咨询师', 'Counselor'],
  counts: ['数量', 'Counts'],
  created: ['新增', 'Created'],
  createdAt: ['创建时间', 'Created at'],
  createdBy: ['创建人', 'Created by'],
  crisisEventId: ['危机事件', 'Crisis event'],
  customTheme: ['自定义主题', 'Custom theme'],
  date: ['日期', 'Date'],
  decidedAt: ['决定时间', 'Decided at'],
  decidedBy: ['决定人', 'Decided by'],
  decisionNote: ['决定说明', 'Decision note'],
  deep: ['深度校验', 'Deep check'],
  definition: ['定义', 'Definition'],
  department: ['院系', 'Department'],
  departmentCounselor: ['院系辅导员', 'Department counselor'],
  description: ['描述', 'Description'],
  destination: ['去向', 'Destination'],
  destinationKind: ['发送方式', 'Destination'],
  destroyedAt: ['销毁时间', 'Destroyed at'],
  destroyedBy: ['销毁人', 'Destroyed by'],
  details: ['详情', 'Details'],
  disabled: ['已停用', 'Disabled'],
  disclosedAt: ['披露时间', 'Disclosed at'],
  disclosedBy: ['披露人', 'Disclosed by'],
  discoveredAt: ['发现时间', 'Discovered at'],
  displayName: ['显示名称', 'Display name'],
  disposition: ['处置', 'Disposition'],
  document: ['文档', 'Document'],
  doneAt: ['完成时间', 'Done at'],
  doneBy: ['完成人', 'Done by'],
  dorm: ['宿舍', 'Dormitory'],
  dueAt: ['截止时间', 'Due at'],
  dueMinutes: ['时限（分钟）', 'Time limit (minutes)'],
  end: ['结束', 'End'],
  endDate: ['结束日期', 'End date'],
  endsAt: ['结束时间', 'Ends at'],
  entity: ['对象类型', 'Record kind'],
  entityId: ['对象', 'Record'],
  entryId: ['记录', 'Entry'],
  error: ['错误', 'Error'],
  escort: ['陪同人', 'Escort'],
  eventCount: ['事件数', 'Events'],
  eventId: ['危机事件', 'Crisis event'],
  eventNo: ['事件编号', 'Event number'],
  evidence: ['依据', 'Evidence'],
  expectedReturnOn: ['预计复学日期', 'Expected return'],
  failedAttemptsKept: ['保留的失败次数', 'Failed attempts kept'],
  feedback: ['反馈', 'Feedback'],
  feedbackOn: ['反馈日期', 'Feedback on'],
  fileName: ['文件名', 'File name'],
  folder: ['文件夹', 'Folder'],
  followupId: ['约谈', 'Interview'],
  from: ['原为', 'From'],
  fromDepartment: ['原院系', 'From department'],
  fromLevel: ['原级别', 'From level'],
  fromSeq: ['起始序号', 'From entry'],
  gender: ['性别', 'Gender'],
  grade: ['年级', 'Grade'],
  groupId: ['团体', 'Group'],
  guardians: ['监护人', 'Guardians'],
  handledAt: ['处理时间', 'Handled at'],
  handledBy: ['处理人', 'Handled by'],
  hash: ['哈希', 'Hash'],
  heldAt: ['保全时间', 'Held at'],
  history: ['记录数', 'History entries'],
  hlc: ['同步时钟', 'Sync clock'],
  hospital: ['医院', 'Hospital'],
  hospitalDepartment: ['医院科室', 'Hospital department'],
  id: ['编号', 'ID'],
  impression: ['印象', 'Impression'],
  imported: ['已导入', 'Imported'],
  instrument: ['量表', 'Instrument'],
  instrumentVersion: ['量表版本', 'Instrument version'],
  instruments: ['量表', 'Instruments'],
  intact: ['完整', 'Intact'],
  interviewedAt: ['约谈时间', 'Interviewed at'],
  item: ['条目', 'Item'],
  joinedAt: ['加入时间', 'Joined at'],
  keep: ['保留份数', 'Kept'],
  key: ['步骤', 'Step'],
  kind: ['类型', 'Kind'],
  knownAccount: ['账号存在', 'Known account'],
  lastReviewedAt: ['上次复评时间', 'Last reviewed at'],
  leaders: ['带领者', 'Leaders'],
  leaveId: ['休学记录', 'Leave record'],
  leftAt: ['退出时间', 'Left at'],
  letterText: ['转介信', 'Referral letter'],
  level: ['级别', 'Level'],
  levels: ['级别', 'Levels'],
  linkedAlertId: ['关联预警', 'Linked alert'],
  linkedCrisisEventId: ['关联危机事件', 'Linked crisis event'],
  linkedIntakeId: ['关联初始访谈', 'Linked intake'],
  list: ['列表', 'List'],
  listedAt: ['列入时间', 'Listed at'],
  loadedAt: ['载入时间', 'Loaded at'],
  loadedBy: ['载入人', 'Loaded by'],
  location: ['地点', 'Location'],
  major: ['专业', 'Major'],
  method: ['方式', 'Method'],
  mimeType: ['文件类型', 'File type'],
  minor: ['未成年', 'Minor'],
  minutes: ['时长（分钟）', 'Minutes'],
  mode: ['方式', 'Mode'],
  moved: ['已移交', 'Moved'],
  mustChangePassword: ['须修改密码', 'Must change password'],
  naReason: ['不适用原因', 'Reason not applicable'],
  name: ['名称', 'Name'],
  nameInitials: ['姓名首字母', 'Name initials'],
  namePinyin: ['姓名拼音', 'Name in pinyin'],
  nextReviewOn: ['下次复评日期', 'Next review'],
  note: ['备注', 'Note'],
  noteId: ['咨询记录', 'Session note'],
  notes: ['记录数', 'Notes'],
  notifiedAt: ['通知时间', 'Notified at'],
  notifiedBy: ['通知人', 'Notified by'],
  number: ['次数', 'Number'],
  ok: ['通过', 'Passed'],
  op: ['操作', 'Operation'],
  openedAt: ['开启时间', 'Opened at'],
  options: ['选项', 'Options'],
  organizer: ['组织者', 'Organizer'],
  otherConcern: ['其他问题', 'Other concern'],
  outcome: ['结果', 'Outcome'],
  overdueAtLevelChange: ['调级时已逾期', 'Overdue at level change'],
  ownerEntity: ['所属记录类型', 'Belongs to'],
  ownerId: ['所属记录', 'Owner record'],
  ownerRole: ['负责角色', 'Owner role'],
  participants: ['参加人数', 'Participants'],
  payload: ['数据', 'Payload'],
  payloadSha256: ['数据校验值', 'Payload checksum'],
  period: ['统计周期', 'Period'],
  periodEnd: ['周期结束', 'Period end'],
  periodStart: ['周期开始', 'Period start'],
  permission: ['所需权限', 'Permission needed'],
  phone: ['电话', 'Phone'],
  placedAt: ['设置时间', 'Placed at'],
  placedBy: ['设置人', 'Placed by'],
  position: ['位置', 'Position'],
  preferredCounselorId: ['希望的咨询师', 'Preferred counselor'],
  prevHash: ['前一条哈希', 'Previous hash'],
  previousOutcome: ['原结果', 'Previous outcome'],
  previousReasons: ['原原因', 'Previous reasons'],
  previousUrgency: ['原紧急程度', 'Previous urgency'],
  priority: ['优先级', 'Priority'],
  profile: ['同步范围', 'Profile'],
  reason: ['原因', 'Reason'],
  reasonCode: ['原因', 'Reason'],
  reasons: ['原因', 'Reasons'],
  receiptId: ['回执', 'Receipt'],
  recipientCount: ['接收人数', 'Recipients'],
  recipientKind: ['通知对象', 'Recipient'],
  recipientName: ['接收人', 'Recipient name'],
  recipients: ['接收人', 'Recipients'],
  recordId: ['记录', 'Record'],
  recordKind: ['记录类型', 'Record kind'],
  records: ['记录数', 'Records'],
  referralId: ['转介', 'Referral'],
  referredOn: ['转介日期', 'Referred on'],
  rejected: ['未导入', 'Rejected'],
  relation: ['查阅依据', 'Access basis'],
  releaseReason: ['解除原因', 'Release reason'],
  releasedAt: ['解除时间', 'Released at'],
  releasedBy: ['解除人', 'Released by'],
  remark: ['备注', 'Remark'],
  removed: ['已删除', 'Removed'],
  reportId: ['上报', 'Report'],
  reportedAt: ['上报时间', 'Reported at'],
  reporterContact: ['上报人联系方式', 'Reporter contact'],
  reporterKind: ['上报人类型', 'Reporter'],
  reporterName: ['上报人', 'Reporter name'],
  requestId: ['申请', 'Request'],
  requestedAt: ['申请时间', 'Requested at'],
  requestedBy: ['申请人', 'Requested by'],
  responses: ['作答', 'Responses'],
  responsible: ['负责人', 'Responsible'],
  restricted: ['受限', 'Restricted'],
  result: ['结果', 'Result'],
  returnedOn: ['复学日期', 'Returned on'],
  review: ['复核结论', 'Review'],
  reviewNote: ['复核说明', 'Review note'],
  reviewedAt: ['复核时间', 'Reviewed at'],
  reviewedBy: ['复核人', 'Reviewed by'],
  riskAssessmentId: ['风险评估', 'Risk assessment'],
  riskCheck: ['风险筛查', 'Risk check'],
  riskLevel: ['风险等级', 'Risk level'],
  roles: ['角色', 'Roles'],
  roomId: ['咨询室', 'Room'],
  rows: ['条数', 'Rows'],
  unchanged: ['未变', 'Unchanged'],
  seeded: ['系统预置', 'Built in'],
  steps: ['步骤数', 'Steps'],
  schoolYear: ['学年', 'School year'],
  term: ['学期', 'Term'],
  month: ['月份', 'Month'],
  rules: ['规则', 'Rules'],
  sections: ['章节', 'Sections'],
  self: ['本人', 'Self'],
  sentAt: ['发送时间', 'Sent at'],
  seq: ['序号', 'Entry number'],
  sessionAt: ['咨询时间', 'Session at'],
  sha256: ['校验值', 'Checksum'],
  shared: ['已共享', 'Shared'],
  signDueAt: ['签署期限', 'Sign by'],
  signedAt: ['签署时间', 'Signed at'],
  signedBy: ['签署人', 'Signed by'],
  signs: ['表现', 'Signs'],
  size: ['大小（字节）', 'Size (bytes)'],
  source: ['来源', 'Source'],
  start: ['开始', 'Start'],
  startDate: ['开始日期', 'Start date'],
  startedAt: ['开始时间', 'Started at'],
  startedOn: ['开始日期', 'Started on'],
  startsAt: ['开始时间', 'Starts at'],
  status: ['状态', 'Status'],
  studentId: ['学生', 'Student'],
  studentNo: ['学号', 'Student number'],
  subjectId: ['对象', 'Subject'],
  summary: ['小结', 'Summary'],
  supervisorId: ['督导', 'Supervisor'],
  taskId: ['随访任务', 'Follow-up task'],
  templateId: ['模板', 'Template'],
  templateVersion: ['模板版本', 'Template version'],
  theme: ['主题', 'Theme'],
  title: ['标题', 'Title'],
  to: ['改为', 'To'],
  toDepartment: ['新院系', 'To department'],
  toLevel: ['新级别', 'To level'],
  toSeq: ['截止序号', 'To entry'],
  topics: ['主题', 'Topics'],
  topicCategories: ['咨询议题', 'Session topics'],
  topicOther: ['其他议题', 'Other topic'],
  triageNote: ['分诊说明', 'Triage note'],
  trigger: ['触发方式', 'Trigger'],
  unlockReason: ['解锁原因', 'Unlock reason'],
  unlockedAt: ['解锁时间', 'Unlocked at'],
  unlockedBy: ['解锁人', 'Unlocked by'],
  unowned: ['无人负责', 'Unowned'],
  updated: ['更新', 'Updated'],
  updatedAt: ['更新时间', 'Updated at'],
  urgency: ['紧急程度', 'Urgency'],
  username: ['用户名', 'Username'],
  value: ['值', 'Value'],
  version: ['版本', 'Version'],
  viewed: ['查阅内容', 'Viewed'],
  waitlistEntryId: ['候补记录', 'Waiting list entry'],
  why: ['原因', 'Why'],
  wording: ['措辞', 'Wording'],
  workstationId: ['工作站', 'Workstation'],
  year: ['年份', 'Year'],
};

/** Coded values the modules put in details (kinds, methods, documents, reasons). */
export const AUDIT_VALUE_LABELS: Record<string, Pair> = {
  password: ['密码', 'password'],
  // Key attention history kinds.
  added: ['列入', 'added'],
  level_changed: ['调整级别', 'level changed'],
  reviewed: ['复评', 'reviewed'],
  removed: ['解除', 'removed'],
  restored: ['恢复', 'restored'],
  // Statistics periods.
  month: ['月', 'month'],
  semester: ['学期', 'semester'],
  schoolYear: ['学年', 'school year'],
  autumn: ['秋季学期', 'autumn term'],
  spring: ['春季学期', 'spring term'],
  // What was done about a safety signal (src-shared/contract/actions.ts SAFETY_ACTIONS).
  interviewed: ['已约谈', 'interviewed'],
  crisisOpened: ['已开启危机事件', 'crisis event opened'],
  referred: ['已转介', 'referred'],
  guardianNotified: ['已通知监护人', 'guardian notified'],
  noFurtherAction: ['评估后无需进一步处理', 'no further action after assessment'],
  recovery: ['恢复码', 'recovery code'],
  auditLog: ['审计日志', 'audit log'],
  statistics: ['统计', 'statistics'],
  workReport: ['工作总结数据', 'work report data'],
  departmentList: ['院系约谈名单', 'department interview list'],
  history: ['约谈记录', 'interview history'],
  publicKey: ['工作站公钥', 'workstation public key'],
  triageQueue: ['分诊队列', 'triage queue'],
  break_glass: ['紧急查阅', 'emergency access'],
  director: ['中心主任', 'director'],
  assigned: ['负责咨询师', 'assigned counselor'],
  author: ['记录撰写人', 'author'],
  supervisor: ['督导', 'supervisor'],
  case: ['个案档案', 'case file'],
  'case-file': ['个案档案', 'case file'],
  'crisis-report': ['危机事件报告', 'crisis report'],
  'referral-letter': ['转介信', 'referral letter'],
  'safety-plan': ['安全计划', 'safety plan'],
  'student-department-changed': ['学生转院系', 'student changed department'],
  manual: ['手动', 'manual'],
  restricted: ['受限（仅概要）', 'restricted (outline only)'],
  full: ['完整', 'full'],
  crisis: ['危机事件', 'crisis event'],
  census: ['心理普查', 'census'],
  report: ['上报', 'report'],
  alert: ['预警', 'alert'],
  assessment: ['心理测评', 'assessment'],
  followup: ['随访', 'follow-up'],
  group: ['团体辅导', 'group counseling'],
  student: ['学生', 'student'],
  scheduled: ['定时', 'scheduled'],
  folder: ['文件夹', 'folder'],
  http: ['学校服务器', 'school server'],
  'sync.workstationKey': ['工作站密钥', 'workstation key'],
  coreStopped: ['程序已停止', 'the program stopped'],
  diskFull: ['磁盘已满', 'disk full'],
  storeBusy: ['数据库忙', 'database busy'],
  closed: ['已结案', 'closed'],
  open: ['进行中', 'open'],
  active: ['进行中', 'active'],
  pending: ['待处理', 'pending'],
  done: ['已完成', 'done'],
  cancelled: ['已取消', 'cancelled'],
  sent: ['已发送', 'sent'],
};

/** What a refused call needed (access-denied's `permission`): every key of src-shared/permissions.ts. */
export const AUDIT_PERMISSION_LABELS: Record<string, Pair> = {
  'accounts.manage': ['管理账号', 'manage accounts'],
  'settings.manage': ['管理设置', 'manage settings'],
  'audit.verify': ['校验审计日志', 'verify the audit log'],
  'audit.read': ['查看审计日志', 'read the audit log'],
  'network.manage': ['管理工作网络', 'manage the work network'],
  'network.read': ['查看工作网络', 'read the work network'],
  'students.read': ['查看学生档案', 'read student records'],
  'students.write': ['编辑学生档案', 'edit student records'],
  'roster.import': ['导入花名册', 'import the roster'],
  'assessments.clinical': ['心理测评（临床）', 'clinical assessments'],
  'alerts.read': ['查看预警', 'read alerts'],
  'alerts.acknowledge': ['处理预警', 'acknowledge alerts'],
  'instruments.manage': ['管理量表', 'manage instruments'],
  'census.manage': ['管理心理普查', 'manage the census'],
  'census.import': ['导入普查结果', 'import census results'],
  'census.clinical': ['普查约谈（临床）', 'census interviews'],
  'census.read': ['查看普查统计', 'read census figures'],
  'reports.create': ['上报', 'make reports'],
  'reports.triage': ['分诊上报', 'triage reports'],
  'reports.approveClose': ['批准上报结案', 'approve closing reports'],
  'cases.clinical': ['个案（临床）', 'clinical case work'],
  'cases.status': ['修改个案状态', 'change case status'],
  'cases.approveClose': ['批准个案结案', 'approve closing cases'],
  'notes.cosign': ['督导会签', 'co-sign notes'],
  'notes.unlock': ['解锁咨询记录', 'unlock notes'],
  'breakglass.review': ['审核紧急查阅', 'review emergency access'],
  'calendar.read': ['查看预约', 'read the calendar'],
  'calendar.manage': ['管理预约', 'manage appointments'],
  'calendar.configure': ['设置咨询室与时段', 'configure rooms and hours'],
  'groups.manage': ['管理团体辅导', 'manage groups'],
  'activities.manage': ['管理教育活动', 'manage activities'],
  'activities.read': ['查看教育活动', 'read activities'],
  'training.manage': ['登记培训', 'record trainings'],
  'training.read': ['查看培训', 'read trainings'],
  'supervision.manage': ['登记督导', 'record supervision'],
  'supervision.read': ['查看督导', 'read supervision'],
  'courses.manage': ['登记心理健康教育课程', 'record courses'],
  'courses.read': ['查看心理健康教育课程', 'read courses'],
  'crisis.manage': ['危机处置', 'handle crises'],
  'crisis.read': ['查看危机事件', 'read crisis events'],
  'crisis.approve': ['批准危机结案', 'approve crisis closing'],
  'crisis.configure': ['设置危机处置流程', 'configure crisis handling'],
  'crisis.summary': ['查看危机汇总', 'read crisis summaries'],
  'keyattention.manage': ['管理重点关注', 'manage key attention'],
  'keyattention.read': ['查看重点关注', 'read key attention'],
  'keyattention.approve': ['批准解除重点关注', 'approve key attention changes'],
  'followups.work': ['随访工作', 'follow-up work'],
  'family.read': ['查看家校沟通记录', 'reading family contacts'],
  'family.write': ['记录家校沟通', 'recording family contacts'],
  'leadership.manage': ['领导小组处置事项', 'leadership group escalations'],
  'leadership.approve': ['记录领导小组审定', 'recording leadership approvals'],
  'leadership.report': ['撰写与报送工作总结', 'writing and delivering the work report'],
  'archive.read': ['查看档案', 'read the archive'],
  'archive.manage': ['管理档案', 'manage the archive'],
  'archive.approve': ['批准档案销毁', 'approve archive destruction'],
  'statistics.read': ['查看统计', 'read statistics'],
  'sync.configure': ['设置学校服务器连接', 'configure the school server'],
  'sync.run': ['导出到学校服务器', 'export to the school server'],
  'backup.manage': ['管理备份', 'manage backups'],
};

/** Settings and system entries, audited under their key (`settings:roster.mapping`). */
export const AUDIT_SETTING_LABELS: Record<string, Pair> = {
  schoolName: ['学校名称', 'School name'],
  idleLockMinutes: ['自动锁定时间', 'Idle lock time'],
  'sync.workstationKey': ['工作站密钥', 'Workstation key'],
  'sync.returnKey': ['工作站回传密钥', 'Workstation return key'],
  'sync.config': ['学校服务器连接', 'School server connection'],
  'roster.mapping': ['花名册导入列对应', 'Roster import columns'],
  'census.mapping.': ['普查导入列对应', 'Census import columns'],
  'archive.afterDays': ['归档期限', 'Archive after'],
  'archive.retention': ['保存期限', 'Retention periods'],
  'calendar.term': ['学期日历', 'Term calendar'],
  'crisis.levels': ['危机级别', 'Crisis levels'],
  'crisis.lines': ['危机求助电话', 'Crisis lines'],
  'instruments.config': ['量表设置', 'Instrument settings'],
  'notes.signDueHours': ['咨询记录签署时限', 'Note signing deadline'],
  'notes.template': ['咨询记录模板', 'Note template'],
  'backup.folder': ['备份文件夹', 'Backup folder'],
  'backup.keep': ['备份保留份数', 'Backups kept'],
  'backup.dailyAt': ['每日备份时间', 'Daily backup time'],
  databaseId: ['数据库标识', 'Database identity'],
  workstationId: ['工作站标识', 'Workstation identity'],
  workstationName: ['工作站名称', 'Workstation name'],
};

/** A setting's name; keys ending in a dot name a family (one mapping per census platform). */
export function auditSettingLabel(key: string, lang: AuditLanguage): string | undefined {
  const pair = AUDIT_SETTING_LABELS[key] ?? Object.entries(AUDIT_SETTING_LABELS).find(([k]) => k.endsWith('.') && key.startsWith(k))?.[1];
  return pick(pair, lang) ?? (key.includes('.') || !UUID_PATTERN.test(key) ? pick(['其他设置', 'Another setting'], lang) : undefined);
}

/**
 * The record of an entry in words where the core has no name for it: a setting by its name, a
 * coded record by its label. Null when there is nothing to say (its id sits in the id column).
 */
export function auditRecordLabel(entry: { entity: string; entityId: string | null; subject: string | null }, lang: AuditLanguage): string | null {
  if (entry.subject) return entry.subject;
  if (!entry.entityId) return null;
  if (entry.entity === 'settings' || entry.entity === 'meta') return auditSettingLabel(entry.entityId, lang) ?? null;
  return pick(AUDIT_VALUE_LABELS[entry.entityId], lang) ?? null;
}

/** A UUID: never shown outside an id column; the record's name stands in for it. */
export const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** A machine identifier: snake_case, camelCase or kebab-case word, such as a table or key name. */
export const RAW_KEY_PATTERN = /\b(?:[a-z]+_[a-z0-9_]+|[a-z]+[A-Z][A-Za-z0-9]*|[a-z]+-[a-z-]+)\b/;

function pick(pair: Pair | undefined, lang: AuditLanguage): string | undefined {
  return pair ? pair[lang === 'en' ? 1 : 0] : undefined;
}

/** One language's dictionary, for the renderer's i18n modules. */
export function auditLabelsIn(lang: AuditLanguage) {
  const of = (table: Record<string, Pair>) => Object.fromEntries(Object.entries(table).map(([key, pair]) => [key, pick(pair, lang)!]));
  return {
    categories: of(AUDIT_CATEGORY_LABELS),
    actions: of(AUDIT_ACTION_LABELS),
    entities: of(AUDIT_ENTITY_LABELS),
    detailKeys: of(AUDIT_FIELD_LABELS),
    values: of(AUDIT_VALUE_LABELS),
  };
}

const OTHER_ACTION: Pair = ['其他操作', 'another action'];
const OTHER_RECORD: Pair = ['其他记录', 'another record'];
const OTHER_FIELD: Pair = ['其他字段', 'another field'];

/**
 * Unknown codes still show as words (其他操作 …) rather than as keys; the labels test keeps the
 * dictionary complete for everything the core writes, so these fallbacks are for old events only.
 */
export function auditActionLabel(action: string, lang: AuditLanguage): string {
  return pick(AUDIT_ACTION_LABELS[action] ?? AUDIT_CATEGORY_LABELS[action] ?? OTHER_ACTION, lang)!;
}
export function auditEntityLabel(entity: string, lang: AuditLanguage): string {
  return pick(AUDIT_ENTITY_LABELS[entity] ?? OTHER_RECORD, lang)!;
}
export function auditCategoryLabel(category: string, lang: AuditLanguage): string {
  return pick(AUDIT_CATEGORY_LABELS[category] ?? AUDIT_CATEGORY_LABELS.other, lang)!;
}
export function auditFieldLabel(field: string, lang: AuditLanguage): string {
  return pick(AUDIT_FIELD_LABELS[field] ?? OTHER_FIELD, lang)!;
}

/** Keys whose values name a record kind, shown with the entity's label. */
const ENTITY_VALUED = new Set(['viewed', 'ownerEntity', 'recordKind', 'entity']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
/** Local wall-clock time, as the people at the workstation read it. */
export function auditLocalTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export interface DetailContext {
  lang: AuditLanguage;
  /** Names of records the details point at, by id (student name and 学号, batch name, event number, account name). */
  names?: Record<string, string>;
}

function valueText(key: string, value: unknown, ctx: DetailContext): string | null {
  const { lang } = ctx;
  const sep = lang === 'en' ? ', ' : '、';
  if (value === null || value === undefined) return lang === 'en' ? 'none' : '无';
  if (typeof value === 'boolean') return value ? (lang === 'en' ? 'yes' : '是') : lang === 'en' ? 'no' : '否';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    const parts = value
      .map((v) => (key === 'changed' && typeof v === 'string' ? auditFieldLabel(v, lang) : valueText(key, v, ctx)))
      .filter((v): v is string => v !== null);
    return parts.length ? parts.join(sep) : lang === 'en' ? 'none' : '无';
  }
  if (typeof value === 'string') {
    if (ctx.names?.[value]) return ctx.names[value]!;
    if (ENTITY_VALUED.has(key)) return auditEntityLabel(value, lang);
    const coded = pick(AUDIT_VALUE_LABELS[value], lang);
    if (coded) return coded;
    if (key === 'categories') return auditCategoryLabel(value, lang);
    if (key === 'permission') return pick(AUDIT_PERMISSION_LABELS[value], lang) ?? pick(['其他权限', 'another permission'], lang)!;
    // An id without a name (a removed record): its number is in the id column, not here.
    if (UUID_PATTERN.test(value)) return null;
    if (ISO_INSTANT.test(value)) return auditLocalTime(value);
    if (key === 'reason' || key === 'why' || key === 'reasonCode' || key === 'kind') {
      return pick(AUDIT_ACTION_LABELS[value], lang) ?? value;
    }
    return value;
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => {
        const text = valueText(k, v, ctx);
        // Counts are keyed by field or by record kind (a roster's `{ students: 3 }`).
        const label = AUDIT_FIELD_LABELS[k] || !AUDIT_ENTITY_LABELS[k] ? auditFieldLabel(k, lang) : auditEntityLabel(k, lang);
        return text === null ? null : `${label} ${text}`;
      })
      .filter((v): v is string => v !== null);
    return parts.join(sep);
  }
  return String(value);
}

/** Details in words: "修改的内容：状态、发送时间；方式：密码". Ids without a name are left out (they sit in the id column). */
export function describeAuditDetails(details: Record<string, unknown>, ctx: DetailContext): string {
  const colon = ctx.lang === 'en' ? ': ' : '：';
  const sep = ctx.lang === 'en' ? '; ' : '；';
  return (
    Object.entries(details)
      // An absent value says nothing ("操作人：无" on an unfiltered export reads as "nobody").
      .filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => {
        const text = valueText(key, value, ctx);
        return text === null ? null : `${auditFieldLabel(key, ctx.lang)}${colon}${text}`;
      })
      .filter((v): v is string => v !== null)
      .join(sep)
  );
}

/** The ids a details object holds (for the export's id column): "key: id" lines. */
export function auditDetailIds(details: Record<string, unknown>): string[] {
  const out: string[] = [];
  const walk = (key: string, value: unknown) => {
    if (typeof value === 'string' && UUID_PATTERN.test(value)) out.push(`${key}: ${value}`);
    else if (Array.isArray(value)) value.forEach((v) => walk(key, v));
    else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => walk(k, v));
  };
  Object.entries(details).forEach(([k, v]) => walk(k, v));
  return out;
}

/**
 * Where an entry was written: this workstation by its name (set at setup, editable in settings),
 * else 本工作站; an unnamed one (`unset`, never shown as such), or another.
 */
export function auditWorkstationLabel(entry: { workstationId: string; thisWorkstation: boolean; workstationName?: string }, lang: AuditLanguage): string {
  if (entry.thisWorkstation && entry.workstationName) return entry.workstationName;
  if (entry.thisWorkstation) return lang === 'en' ? 'This workstation' : '本工作站';
  if (!entry.workstationId || entry.workstationId === 'unset') return lang === 'en' ? 'Unnamed workstation' : '未命名工作站';
  return lang === 'en' ? 'Another workstation' : '其他工作站';
}

/** The counts a bulk operation's last event carries (`{ created: 120, updated: 3 }`, or under `counts`). */
function countsOf(details: Record<string, unknown>): [string, number][] {
  const out: [string, number][] = [];
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'number') out.push([key, value]);
    else if (key === 'counts' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === 'number') out.push([k, v]);
    } else if (Array.isArray(value) && key === 'rejected') out.push([key, value.length]);
  }
  return out;
}

/**
 * A bulk operation as one line: "导入花名册：条数 128、新增 120、更新 3、未变 5". The counts are the
 * ones its last event records (the import's summary, the destruction's counts per record kind).
 */
export function describeAuditGroup(entry: { action: string; details: Record<string, unknown> }, lang: AuditLanguage): string {
  const colon = lang === 'en' ? ': ' : '：';
  const sep = lang === 'en' ? ', ' : '、';
  const counts = countsOf(entry.details).map(([key, n]) => {
    const label = AUDIT_FIELD_LABELS[key] || !AUDIT_ENTITY_LABELS[key] ? auditFieldLabel(key, lang) : auditEntityLabel(key, lang);
    return `${label} ${n}`;
  });
  const action = auditActionLabel(entry.action, lang);
  return counts.length ? `${action}${colon}${counts.join(sep)}` : action;
}

/** "共 128 条记录" / "128 entries"; with a filter, how many of them match. */
export function auditGroupSize(group: { rows: number; matching: number }, lang: AuditLanguage): string {
  if (lang === 'en') return group.matching === group.rows ? `${group.rows} entries` : `${group.matching} of ${group.rows} entries match`;
  return group.matching === group.rows ? `共 ${group.rows} 条记录` : `共 ${group.rows} 条记录，其中 ${group.matching} 条符合筛选`;
}
