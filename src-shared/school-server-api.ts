/**
 * The JSON the school server's views API answers (src-main/school-server/web/api.ts) and its pages
 * read (src-renderer/school-web): one declaration for both sides.
 */

export interface StudentRef {
  studentNo: string | null;
  name: string | null;
  department: string | null;
  className: string | null;
}

/** Where workstations disagree on a student's basic data: each value with the workstations holding it. */
export interface StudentConflict {
  field: 'name' | 'department' | 'className';
  values: { value: string | null; workstations: string[] }[];
}

export interface OpenCrisisEvent {
  workstationId: string;
  /** The name the workstation gives itself (its bundles' manifest), when it has one. */
  workstationName?: string | null;
  eventNo: string | null;
  student: StudentRef;
  level: string | null;
  status: string | null;
  responsible: string | null;
  discoveredAt: string | null;
  overdueSteps: number;
}

export interface KeyAttentionHolder {
  workstationId: string;
  workstationName?: string | null;
  level: string | null;
  responsible: string | null;
  nextReviewOn: string | null;
  overdue: boolean;
}

export interface MergedKeyAttention {
  student: StudentRef;
  /** Fields on which the workstations' records of this student disagree. */
  conflicts: StudentConflict[];
  /** The highest level any workstation holds. */
  level: string | null;
  nextReviewOn: string | null;
  overdue: boolean;
  heldBy: KeyAttentionHolder[];
}

export interface MergedStudent {
  /** The newest record's basic data (by the time each workstation last changed it). */
  student: StudentRef;
  sources: { workstationId: string; changedAt: string | null }[];
  conflicts: StudentConflict[];
}

export interface DepartmentStudent {
  student: StudentRef;
  level: string | null;
  nextReviewOn: string | null;
  overdue: boolean;
  responsible: string | null;
  /** How many workstations hold this student on their list (one line per student). */
  workstations?: number;
}

/** A count as the leadership and every export may see it: 1–4 students show as "<5". */
export type SuppressedCount = number | '<5';

export interface SchoolStatistics {
  year: number;
  workstations: number;
  crisisEventsByLevel: { level: string; count: SuppressedCount }[];
  keyAttentionByLevel: { level: string; count: SuppressedCount }[];
  /** Counted across workstations first, then suppressed (students by 学号: one student on two PCs counts once). */
  casesOpened?: SuppressedCount;
  studentsCounseled?: SuppressedCount;
  sessions?: SuppressedCount;
  referrals?: SuppressedCount;
  censusListed?: SuppressedCount;
  censusInterviewed?: SuppressedCount;
}

/** A student of the department on a census interview list: listed and whether interviewed (never scores or outcome). */
export interface DepartmentCensusStudent {
  student: StudentRef;
  listed: boolean;
  interviewed: boolean;
}

export interface WorkstationHealth {
  workstationId: string;
  workstationName?: string | null;
  profiles: { profile: string; lastSeq: number; lastAppliedAt: string | null; pending: number; gaps: { fromSeq: number; toSeq: number }[] }[];
  lastAppliedAt: string | null;
  daysSinceLastExport: number | null;
  /** Nothing applied for longer than the threshold (or gaps waiting): the director should ask. */
  attention: boolean;
}

export interface FiledReport {
  id: string;
  department: string;
  studentNo: string;
  student: string | null;
  urgent: boolean;
  content: string;
  filedBy: string;
  filedAt: string;
}
