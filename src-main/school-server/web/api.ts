import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FiledReport, MergedKeyAttention, SchoolStatistics } from '../../../src-shared/school-server-api';
import { RevisionCache } from '../views/revision-cache';
import { appendInbound, reportItem } from '../inbound';
import { workstationNames } from '../views/workstation-names';
import type { Receiver } from '../receiver';
import {
  departmentCensus,
  departmentKeyAttention,
  keyAttentionPage,
  mergedKeyAttention,
  crisisEventsAt,
  openCrisisRows,
  type OpenCrisisRows,
  schoolStatistics,
  workstationHealth,
} from '../views/view-queries';
import { ServerAuditLog } from './audit-log';
import { PAGES_DIR } from './static-pages';
import { csrfMatches, SESSION_COOKIE, SessionStore, SignInThrottle, type Session } from './sessions';
import { verifyUser, type ServerRole } from './users';

/**
 * The JSON API of the server's pages (/api/…): cookie sessions, CSRF on every write, sign-in
 * throttled, every view audited. Who sees what:
 * - director: open crisis events, the merged key-attention list, statistics, workstations, the
 *   reports 院系 staff filed here;
 * - liaison: their own department's roster (departments profile only), filing reports and the
 *   reports their department filed;
 * - leadership: de-identified statistics only.
 * 401 without a session, 403 outside the role or department.
 */

const MAX_JSON_BYTES = 64 * 1024;

export interface WebApiOptions {
  now?: () => Date;
  idleMs?: number;
  /** Behind the school's TLS proxy the cookie is marked Secure. */
  secureCookie?: boolean;
  /** Where the built pages are (tests build their own). */
  pagesDir?: string;
}

export class WebApi {
  readonly sessions: SessionStore;
  readonly throttle: SignInThrottle;
  readonly audit: ServerAuditLog;
  private readonly now: () => Date;
  readonly pagesDir: string;
  /** A year's figures are read many times between two imports and take a whole-school pass to compute. */
  private readonly statisticsCache = new RevisionCache<SchoolStatistics>();
  private readonly crisisRowsCache = new RevisionCache<OpenCrisisRows>();

  constructor(
    private readonly receiver: Receiver,
    private readonly options: WebApiOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.pagesDir = options.pagesDir ?? PAGES_DIR;
    this.sessions = new SessionStore(() => this.now().getTime(), options.idleMs);
    this.throttle = new SignInThrottle(() => this.now().getTime());
    this.audit = new ServerAuditLog(receiver.store);
  }

  /** Handles /api/… requests; false when the path is not the API's. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    if (!url.pathname.startsWith('/api/')) return false;
    const route = `${req.method} ${url.pathname}`;
    if (route === 'POST /api/session') return this.signIn(req, res).then(() => true);

    const session = this.sessions.get(cookie(req, SESSION_COOKIE));
    if (!session) return reply(res, 401, { error: 'unauthenticated', message: 'Sign in first.' });
    if (req.method !== 'GET' && !csrfMatches(session, req.headers['x-csrf-token'])) {
      return reply(res, 403, { error: 'csrf', message: 'The request lacks this session’s x-csrf-token header.' });
    }
    const user = session.user;
    switch (route) {
      case 'GET /api/session':
        return reply(res, 200, { username: user.username, role: user.role, department: user.department, csrfToken: session.csrfToken });
      case 'DELETE /api/session':
        this.sessions.end(session.token);
        await this.audit.append({ at: this.now().toISOString(), username: user.username, action: 'signOut', target: null, details: {} });
        res.setHeader('set-cookie', this.cookieHeader('', 0));
        return reply(res, 200, { signedOut: true });
      case 'GET /api/crisis':
        return this.view(session, res, ['director'], url.pathname, async () => {
          const names = await workstationNames(this.receiver.store);
          // The rows change only when a bundle arrives; the overdue steps are counted on every call.
          const rows = await this.crisisRowsCache.get(this.receiver.store, 'open', () => openCrisisRows(this.receiver.store));
          const events = crisisEventsAt(rows, this.now()).map((e) => ({ ...e, workstationName: names.get(e.workstationId) ?? null }));
          return { body: { events }, details: { count: events.length } };
        });
      case 'GET /api/keyattention': {
        // Without `limit` the whole list, as before; with it one page in the same order, and the totals.
        const page = pageParams(url);
        if (page === 'invalid') return reply(res, 400, { error: 'validation', message: 'offset and limit must be whole numbers (limit 1–500).' });
        return this.view(session, res, ['director'], url.pathname, async () => {
          const names = await workstationNames(this.receiver.store);
          const withNames = (list: MergedKeyAttention[]) =>
            list.map((s) => ({ ...s, heldBy: s.heldBy.map((h) => ({ ...h, workstationName: names.get(h.workstationId) ?? null })) }));
          if (page) {
            const found = await keyAttentionPage(this.receiver.store, this.today(), page.offset, page.limit);
            return {
              body: { ...found, students: withNames(found.students) },
              details: { count: found.students.length, offset: page.offset, total: found.total },
            };
          }
          const students = withNames(await mergedKeyAttention(this.receiver.store, this.today()));
          return {
            body: { students, total: students.length, overdue: students.filter((s) => s.overdue).length, offset: 0, limit: students.length },
            details: { count: students.length },
          };
        });
      }
      case 'GET /api/statistics': {
        const year = Number(url.searchParams.get('year') ?? this.now().getFullYear());
        if (!Number.isInteger(year) || year < 2000 || year > 2100)
          return reply(res, 400, { error: 'validation', message: 'year must be a year such as 2026.' });
        return this.view(session, res, ['director', 'leadership'], url.pathname, async () => ({
          body: await this.statisticsCache.get(this.receiver.store, `${year}|${this.today()}`, () => schoolStatistics(this.receiver.store, year, this.today())),
          details: { year },
        }));
      }
      case 'GET /api/workstations':
        return this.view(session, res, ['director'], url.pathname, async () => {
          const names = await workstationNames(this.receiver.store);
          const workstations = workstationHealth(await this.receiver.status(), this.now()).map((w) => ({
            ...w,
            workstationName: names.get(w.workstationId) ?? null,
          }));
          return { body: { workstations }, details: { count: workstations.length } };
        });
      case 'GET /api/department/students':
        return this.view(session, res, ['liaison'], url.pathname, async () => {
          const students = await departmentKeyAttention(this.receiver.store, user.department ?? '', this.today());
          // Census interview status of the department's students: listed / interviewed, never scores.
          const census = await departmentCensus(this.receiver.store, user.department ?? '');
          return { body: { department: user.department, students, census }, details: { department: user.department, count: students.length } };
        });
      case 'GET /api/reports':
        return this.view(session, res, ['director'], url.pathname, async () => {
          const reports = await this.reports();
          return { body: { reports }, details: { count: reports.length } };
        });
      case 'GET /api/department/reports':
        // What the department has told the center here: the liaison sees their department's reports, no other.
        return this.view(session, res, ['liaison'], url.pathname, async () => {
          const reports = await this.reports(user.department ?? '');
          return { body: { department: user.department, reports }, details: { department: user.department, count: reports.length } };
        });
      case 'POST /api/reports':
        if (user.role !== 'liaison') return reply(res, 403, { error: 'forbidden', message: 'Only a 院系 liaison files reports here.' });
        return this.fileReport(session, req, res);
      default:
        return reply(res, 404, { error: 'notFound', message: `No such endpoint: ${route}` });
    }
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  private cookieHeader(value: string, maxAgeSeconds?: number): string {
    const parts = [`${SESSION_COOKIE}=${value}`, 'HttpOnly', 'SameSite=Strict', 'Path=/'];
    if (maxAgeSeconds !== undefined) parts.push(`Max-Age=${maxAgeSeconds}`);
    if (this.options.secureCookie) parts.push('Secure');
    return parts.join('; ');
  }

  private async signIn(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const body = await readJson(req);
    const username = typeof body?.username === 'string' ? body.username : '';
    const password = typeof body?.password === 'string' ? body.password : '';
    if (!username || !password) return reply(res, 400, { error: 'validation', message: 'username and password are required.' });
    const keys = [`user:${username}`, `addr:${clientAddress(req)}`];
    const wait = this.throttle.retryAfterMs(keys);
    if (wait > 0) {
      res.setHeader('retry-after', String(Math.ceil(wait / 1000)));
      return reply(res, 429, { error: 'throttled', message: 'Too many failed sign-ins; try again later.', retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const user = await verifyUser(this.receiver.store, username, password);
    const at = this.now().toISOString();
    if (!user) {
      this.throttle.fail(keys);
      await this.audit.append({ at, username, action: 'signInFailed', target: null, details: {} });
      return reply(res, 401, { error: 'unauthenticated', message: 'Wrong username or password.' });
    }
    this.throttle.succeed(keys);
    const session = this.sessions.create(user);
    await this.audit.append({ at, username: user.username, action: 'signIn', target: null, details: { role: user.role } });
    res.setHeader('set-cookie', this.cookieHeader(session.token));
    return reply(res, 200, { username: user.username, role: user.role, department: user.department, csrfToken: session.csrfToken });
  }

  private async view(
    session: Session,
    res: ServerResponse,
    roles: readonly ServerRole[],
    target: string,
    read: () => Promise<{ body: unknown; details: Record<string, unknown> }>,
  ): Promise<boolean> {
    if (!roles.includes(session.user.role)) return reply(res, 403, { error: 'forbidden', message: 'This view is not for your role.' });
    const { body, details } = await read();
    await this.audit.append({ at: this.now().toISOString(), username: session.user.username, action: 'view', target, details });
    return reply(res, 200, body);
  }

  /** Reports filed here, urgent first: until they travel to the workstations, the director reads them here. */
  private async reports(department?: string): Promise<FiledReport[]> {
    const rows = await this.receiver.store.all<{
      id: string;
      department: string;
      student_no: string;
      urgent: number;
      content: string;
      filed_by: string;
      filed_at: string;
      name: string | null;
    }>(
      `SELECT r.id, r.department, r.student_no, r.urgent, r.content, r.filed_by, r.filed_at,
              (SELECT MAX(s.name) FROM view_students s WHERE s.student_no = r.student_no) AS name
       FROM server_reports r ${department === undefined ? '' : 'WHERE r.department = ?'}
       ORDER BY r.urgent DESC, r.filed_at DESC`,
      department === undefined ? [] : [department],
    );
    return rows.map((r) => ({
      id: r.id,
      department: r.department,
      studentNo: r.student_no,
      student: r.name,
      urgent: Number(r.urgent) === 1,
      content: this.receiver.store.revealText(r.content, `server_reports\u0000${r.id}`),
      filedBy: r.filed_by,
      filedAt: r.filed_at,
    }));
  }

  /** A 院系 report for the center: the director's view lists it (urgent first) from the moment it is filed. */
  private async fileReport(session: Session, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const body = await readJson(req);
    const studentNo = typeof body?.studentNo === 'string' ? body.studentNo.trim() : '';
    const content = typeof body?.content === 'string' ? body.content.trim() : '';
    const urgent = body?.urgent === true;
    if (!/^[A-Za-z0-9-]{1,32}$/.test(studentNo) || content.length < 2 || content.length > 4000) {
      return reply(res, 400, { error: 'validation', message: 'studentNo (学号) and content (2–4000 characters) are required.' });
    }
    const id = randomUUID();
    const at = this.now().toISOString();
    await this.receiver.store.run('INSERT INTO server_reports (id, department, student_no, urgent, content, filed_by, filed_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      id,
      session.user.department,
      studentNo,
      urgent ? 1 : 0,
      this.receiver.store.protectText(content, `server_reports\u0000${id}`),
      session.user.username,
      at,
    ]);
    // The same report travels to every workstation in the next inbound bundle (a 上报 in their triage queue).
    const inboundSeq = await appendInbound(
      this.receiver.store,
      await reportItem(this.receiver.store, {
        id,
        studentNo,
        department: session.user.department ?? '',
        urgent,
        content,
        filedBy: session.user.username,
        filedAt: at,
      }),
    );
    await this.audit.append({
      at,
      username: session.user.username,
      action: 'fileReport',
      target: id,
      details: { department: session.user.department, urgent, inboundSeq },
    });
    return reply(res, 201, { id, filedAt: at, inboundSeq });
  }
}

/**
 * The sign-in's address for the throttle. Behind the school's reverse proxy every request comes
 * from loopback, which would let five failures lock everyone out: there the proxy's own entry (the
 * last of X-Forwarded-For) names the client. From any other peer the header is not trusted.
 */
export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>): string {
  const peer = req.socket.remoteAddress ?? '';
  const forwarded = req.headers['x-forwarded-for'];
  const isLoopback = peer === '::1' || peer.startsWith('127.') || peer.startsWith('::ffff:127.');
  if (isLoopback && typeof forwarded === 'string' && forwarded.trim() !== '') return forwarded.split(',').at(-1)!.trim();
  return peer;
}

/** `?offset=&limit=` of a paged list: null when no limit is asked for (the whole list). */
export function pageParams(url: URL): { offset: number; limit: number } | null | 'invalid' {
  const limitText = url.searchParams.get('limit');
  const offsetText = url.searchParams.get('offset');
  if (limitText === null && offsetText === null) return null;
  const limit = Number(limitText ?? 100);
  const offset = Number(offsetText ?? 0);
  if (!Number.isInteger(limit) || !Number.isInteger(offset) || limit < 1 || limit > 500 || offset < 0) return 'invalid';
  return { offset, limit };
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function reply(res: ServerResponse, status: number, body: unknown): true {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
  return true;
}
