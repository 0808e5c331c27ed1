/** The server's JSON API (src-main/school-server/web/api.ts), same origin, cookie session. */

export type Role = 'director' | 'liaison' | 'leadership';

export interface Me {
  username: string;
  role: Role;
  department: string | null;
  csrfToken: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

let csrfToken = '';

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(method !== 'GET' && { 'x-csrf-token': csrfToken }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? 'failed');
  return data as T;
}

export async function signIn(username: string, password: string): Promise<Me> {
  const me = await call<Me>('POST', '/api/session', { username, password });
  csrfToken = me.csrfToken;
  return me;
}

export async function currentUser(): Promise<Me | null> {
  try {
    const me = await call<Me>('GET', '/api/session');
    csrfToken = me.csrfToken;
    return me;
  } catch {
    return null;
  }
}

export const signOut = () => call('DELETE', '/api/session');

export interface StudentRef {
  studentNo: string | null;
  name: string | null;
  department: string | null;
  className: string | null;
}

export interface OpenEvent {
  workstationId: string;
  eventNo: string | null;
  student: StudentRef;
  level: string | null;
  status: string | null;
  responsible: string | null;
  discoveredAt: string | null;
  overdueSteps: number;
}

export interface MergedEntry {
  student: StudentRef;
  conflicts: { field: 'name' | 'department' | 'className'; values: { value: string | null; workstations: string[] }[] }[];
  level: string | null;
  nextReviewOn: string | null;
  overdue: boolean;
  heldBy: { workstationId: string; level: string | null; responsible: string | null; nextReviewOn: string | null; overdue: boolean }[];
}

export interface Workstation {
  workstationId: string;
  lastAppliedAt: string | null;
  daysSinceLastExport: number | null;
  attention: boolean;
  profiles: { profile: string; lastSeq: number; pending: number; gaps: { fromSeq: number; toSeq: number }[] }[];
}

export interface Statistics {
  year: number;
  workstations: number;
  crisisEventsByLevel: { level: string; count: number | '<5' }[];
  keyAttentionByLevel: { level: string; count: number | '<5' }[];
}

export interface DepartmentStudent {
  student: StudentRef;
  level: string | null;
  nextReviewOn: string | null;
  overdue: boolean;
  responsible: string | null;
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

export const api = {
  reports: () => call<{ reports: FiledReport[] }>('GET', '/api/reports'),
  crisis: () => call<{ events: OpenEvent[] }>('GET', '/api/crisis'),
  keyAttention: () => call<{ students: MergedEntry[] }>('GET', '/api/keyattention'),
  workstations: () => call<{ workstations: Workstation[] }>('GET', '/api/workstations'),
  statistics: (year: number) => call<Statistics>('GET', `/api/statistics?year=${year}`),
  department: () => call<{ department: string; students: DepartmentStudent[] }>('GET', '/api/department/students'),
  fileReport: (input: { studentNo: string; content: string; urgent: boolean }) => call<{ id: string }>('POST', '/api/reports', input),
};
