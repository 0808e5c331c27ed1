import type {
  DepartmentCensusStudent,
  DepartmentStudent,
  FiledReport,
  MergedKeyAttention,
  OpenCrisisEvent,
  SchoolStatistics,
  WorkstationHealth,
} from '../../src-shared/school-server-api';

export type { DepartmentCensusStudent, DepartmentStudent, FiledReport, StudentRef } from '../../src-shared/school-server-api';
export type OpenEvent = OpenCrisisEvent;
export type MergedEntry = MergedKeyAttention;
export type Workstation = WorkstationHealth;
export type Statistics = SchoolStatistics;

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

export const api = {
  reports: () => call<{ reports: FiledReport[] }>('GET', '/api/reports'),
  crisis: () => call<{ events: OpenEvent[] }>('GET', '/api/crisis'),
  keyAttention: () => call<{ students: MergedEntry[] }>('GET', '/api/keyattention'),
  /** One page of the merged list and its totals (the page the director reads, at any size of school). */
  keyAttentionPage: (offset: number, limit: number) =>
    call<{ students: MergedEntry[]; total: number; overdue: number; offset: number; limit: number }>(
      'GET',
      `/api/keyattention?offset=${offset}&limit=${limit}`,
    ),
  workstations: () => call<{ workstations: Workstation[] }>('GET', '/api/workstations'),
  statistics: (year: number) => call<Statistics>('GET', `/api/statistics?year=${year}`),
  department: () => call<{ department: string; students: DepartmentStudent[]; census?: DepartmentCensusStudent[] }>('GET', '/api/department/students'),
  departmentReports: () => call<{ department: string; reports: FiledReport[] }>('GET', '/api/department/reports'),
  fileReport: (input: { studentNo: string; content: string; urgent: boolean }) => call<{ id: string }>('POST', '/api/reports', input),
};
