import type { SyncProfile } from '../../../src-shared/contract/sync';
import { localDateOf, localZone } from '../../../src-shared/calendar/calendar-time';
import { readTerm } from '../calendar/term';
import { readCrisisLevels } from '../settings/crisis-levels';
import { resolvePeriod } from '../statistics/periods';
import { computeStatistics } from '../statistics/statistics-service';
import type { ReadSqlite } from '../store/read-sqlite';
import type { OpenStore } from '../store/open-store';
import type { BundleEvent } from './bundle/codec';
import { RETURN_KEY_SETTING } from './return-key';
import { KEY_SETTING } from './sync-config';

/** An outbox row as read for export (payload still JSON text). */
export interface OutboxRow {
  seq: number;
  hlc: string;
  entity: string;
  entityId: string;
  op: 'insert' | 'update' | 'delete';
  payload: string;
  createdAt: string;
}

/**
 * A profile turns outbox rows into the events its bundle carries. Rows it does not export give
 * nothing; `finish` adds events made from the whole range (aggregates).
 */
export interface Projection {
  project(row: OutboxRow): BundleEvent | null;
  finish(toSeq: number): BundleEvent[];
}

/**
 * The export's own bookkeeping and the workstation's private keys (signing, return) stay here: exporting the
 * bookkeeping would make every export produce something new to export. What came from the server
 * (inbound items, risk digests) never goes back to it: it has it already.
 */
const LOCAL_ONLY_ENTITIES = new Set(['export_bundles', 'applied_updates', 'inbound_applied', 'risk_digests']);

export function isLocalOnly(row: Pick<OutboxRow, 'entity' | 'entityId'>): boolean {
  return LOCAL_ONLY_ENTITIES.has(row.entity) || (row.entity === 'settings' && (row.entityId === KEY_SETTING || row.entityId === RETURN_KEY_SETTING));
}

function event(row: OutboxRow, payload: unknown, entity = row.entity): BundleEvent {
  return { seq: row.seq, hlc: row.hlc, entity, entityId: row.entityId, op: row.op, payload, createdAt: row.createdAt };
}

/** 全量: every event as it is. */
function fullProjection(): Projection {
  return {
    project: (row) => (isLocalOnly(row) ? null : event(row, JSON.parse(row.payload))),
    finish: () => [],
  };
}

/**
 * The fields the departments' key-attention roster may carry: 学号, 姓名, 院系, 班级, the level,
 * who is responsible and the next review. Never the reason, notes, scores or anything else:
 * each output field is named here and read one by one, so a new column of the entry or the
 * student cannot slip through.
 */
export const DEPARTMENT_ROSTER_FIELDS = ['studentNo', 'name', 'department', 'className', 'level', 'responsible', 'nextReviewOn', 'status'] as const;

interface StudentFacts {
  student_no: string;
  name: string;
  department: string | null;
  class_name: string | null;
}

function departmentsProjection(sqlite: ReadSqlite): Projection {
  const studentOf = sqlite.prepare<[string], StudentFacts>('SELECT student_no, name, department, class_name FROM students WHERE id = ?');
  const accountName = sqlite.prepare<[string], { display_name: string }>('SELECT display_name FROM accounts WHERE id = ?');
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    project: (row) => {
      if (row.entity !== 'key_attention') return null;
      if (row.op === 'delete') return event(row, { id: row.entityId }, 'key_attention_roster');
      const entry = JSON.parse(row.payload) as Record<string, unknown>;
      const student = typeof entry.studentId === 'string' ? studentOf.get(entry.studentId) : undefined;
      const responsible = (entry.responsible ?? {}) as Record<string, unknown>;
      const counselorId = text(responsible.counselorId);
      const roster: Record<(typeof DEPARTMENT_ROSTER_FIELDS)[number], unknown> & { id: string } = {
        id: row.entityId,
        studentNo: student?.student_no ?? null,
        name: student?.name ?? null,
        department: student?.department ?? null,
        className: student?.class_name ?? null,
        level: text(entry.level),
        responsible: {
          counselor: counselorId ? (accountName.get(counselorId)?.display_name ?? null) : null,
          departmentCounselor: text(responsible.departmentCounselor),
          dormWatcher: text(responsible.dormWatcher),
          peerCounselor: text(responsible.peerCounselor),
        },
        nextReviewOn: text(entry.nextReviewOn),
        status: text(entry.status),
      };
      return event(row, roster, 'key_attention_roster');
    },
    finish: () => [],
  };
}

/**
 * De-identified figures: for each month (local time) the range touched, the statistics module's
 * figures of that month as every export carries them (cells under 5 students suppressed), computed
 * when the bundle is made. The entity id is the month, so the server keeps the latest figures.
 */
function statisticsProjection(store: OpenStore): Projection {
  const zone = localZone();
  const touched = new Map<string, { lastSeq: number; hlc: string; createdAt: string }>();
  return {
    project: (row) => {
      if (isLocalOnly(row) || row.entity === 'settings' || row.entity === 'meta') return null;
      touched.set(localDateOf(row.createdAt, zone).slice(0, 7), { lastSeq: row.seq, hlc: row.hlc, createdAt: row.createdAt });
      return null;
    },
    finish: () => {
      if (touched.size === 0) return [];
      const term = readTerm(store.db);
      const levels = readCrisisLevels(store.db);
      return [...touched.entries()]
        .sort((a, b) => a[1].lastSeq - b[1].lastSeq)
        .map(([month, t]) => {
          const [year, monthNo] = month.split('-').map(Number);
          const bounds = resolvePeriod({ kind: 'month', year, month: monthNo }, term, zone);
          return {
            seq: t.lastSeq,
            hlc: t.hlc,
            entity: 'statistics_month',
            entityId: month,
            op: 'insert' as const,
            payload: computeStatistics(store.sqlite, { bounds, department: null, suppress: true, levels }),
            createdAt: t.createdAt,
          };
        });
    },
  };
}

export function projectionFor(profile: SyncProfile, store: OpenStore): Projection {
  switch (profile) {
    case 'full':
      return fullProjection();
    case 'departments':
      return departmentsProjection(store.sqlite);
    case 'statistics':
      return statisticsProjection(store);
  }
}
