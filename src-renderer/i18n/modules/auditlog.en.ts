import { auditLabelsIn } from '../../../src-shared/labels/audit-labels';
import type { Leaves } from '../types';
import type { auditlogZhCN } from './auditlog.zh-CN';

/** auditlog: English. */
export const auditlogEn: Leaves<typeof auditlogZhCN> = {
  title: 'Audit log',
  intro: 'Who did what, when, and from which workstation. The log records actions only, never counseling content.',
  filters: {
    person: 'Person',
    personPlaceholder: 'Everyone',
    disabled: ' (disabled)',
    student: 'Student',
    studentPlaceholder: 'Search by student no., name or pinyin',
    category: 'Action',
    categoryPlaceholder: 'All actions',
    time: 'Time range',
    from: 'From',
    to: 'To',
    reset: 'Clear filters',
    nonClinical:
      'Your account has no clinical role: the audit log is not filtered by student, and entries about clinical records show only as “Clinical record”, without their kind or student.',
  },
  columns: {
    at: 'Time',
    actor: 'Person',
    action: 'Action',
    subject: 'Record',
    workstation: 'Workstation',
    details: 'Details',
  },
  system: 'System',
  thisWorkstation: 'This workstation',
  unnamedWorkstation: 'Unnamed workstation',
  otherWorkstation: 'Another workstation',
  total: '{{total}} entries',
  totalMore: 'More than {{total}} entries',
  groupRows: 'The entries of the bulk operation',
  empty: 'No entries match.',
  // Categories, actions, record kinds, fields and coded values: the one dictionary in src-shared,
  // which the core's .xlsx export reads too.
  ...auditLabelsIn('en'),
  yes: 'yes',
  no: 'no',
  verify: {
    button: 'Verify chain',
    intact: 'The log chain is intact: {{checked}} entries checked, nothing altered or removed.',
    broken:
      'The log chain breaks at entry {{seq}} ({{at}}): {{reason}}. This entry and later ones may have been altered or removed; report it to the director now.',
    reasons: {
      hashMismatch: 'the entry does not match its hash',
      prevHashMismatch: 'the link to the previous entry does not hold',
      sequenceGap: 'the numbering has a gap (an entry was removed)',
      unreadable: 'the entry details cannot be read',
    },
  },
  export: {
    button: 'Export',
    done: '{{rows}} entries exported.',
  },
  errors: {
    auditLogRangeInverted: 'The end must be after the start.',
    auditLogStudentFilterClinical: 'Viewing the audit log by student needs a clinical role (director, counselor, supervisor or trainee).',
    auditLogExportTooLarge: '{{total}} entries match, more than the {{max}} one export may hold. Narrow the time range and export in parts.',
  },
};
