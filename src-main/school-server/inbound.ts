import { randomUUID } from 'node:crypto';
import { signInbound, type InboundBundle, type InboundItem, type RiskDigest, type RiskDigestEntry } from '../core/sync/bundle/codec';
import type { ReceiverStore } from './store';
import { mergedKeyAttention, openCrisisEvents } from './views/view-queries';
import { workstationNames } from './views/workstation-names';

/**
 * What the server sends back to the workstations (issue 18 items 3 and 5): the inbound items (院系
 * reports filed on the server, roster updates) under one server-wide sequence, and the risk digest.
 * A workstation records each sequence it applied, so the server may send every item each time
 * (or those after a sequence) and an item still applies once.
 */

/** An item before the store numbers it (Omit per kind, so each kind keeps its own fields). */
type NewItem = InboundItem extends infer I ? (I extends InboundItem ? Omit<I, 'seq'> : never) : never;

/** Appends an item with the next sequence; the body (a report's text) is sealed like the report itself. */
export async function appendInbound(store: ReceiverStore, item: NewItem): Promise<number> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await store.run(
        `INSERT INTO server_inbound (seq, id, kind, created_at, body)
         SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM server_inbound`,
        [item.id, item.kind, item.createdAt, store.protectText(JSON.stringify(item), `server_inbound\u0000${item.id}`)],
      );
      break;
    } catch (error) {
      // Two filings at the same moment took the same number: the second tries the next one.
      if (attempt >= 5) throw error;
    }
  }
  const [row] = await store.all<{ seq: number }>('SELECT seq FROM server_inbound WHERE id = ?', [item.id]);
  return Number(row.seq);
}

export async function inboundItems(store: ReceiverStore, afterSeq: number): Promise<InboundItem[]> {
  const rows = await store.all<{ seq: number; id: string; body: string }>('SELECT seq, id, body FROM server_inbound WHERE seq > ? ORDER BY seq', [afterSeq]);
  return rows.map((r) => ({ ...(JSON.parse(store.revealText(r.body, `server_inbound\u0000${r.id}`)) as NewItem), seq: Number(r.seq) }) as InboundItem);
}

/** A report filed by a liaison, as the inbound item the workstations turn into a 上报. */
export async function reportItem(
  store: ReceiverStore,
  report: { id: string; studentNo: string; department: string; urgent: boolean; content: string; filedBy: string; filedAt: string },
): Promise<NewItem> {
  const [known] = await store.all<{ name: string | null; class_name: string | null }>(
    'SELECT name, class_name FROM view_students WHERE student_no = ? ORDER BY changed_at DESC',
    [report.studentNo],
  );
  return {
    id: report.id,
    kind: 'report',
    createdAt: report.filedAt,
    studentNo: report.studentNo,
    studentName: known?.name ?? null,
    department: report.department,
    className: known?.class_name ?? null,
    urgent: report.urgent,
    content: report.content,
    filedBy: report.filedBy,
  };
}

const rank = (level: string | null): number => (level === null ? 99 : Number.isFinite(Number(level)) ? Number(level) : 50);

/**
 * For every student on a key-attention list or with an open crisis event, one entry per
 * workstation holding them: 学号, level, whether an event is open, the responsible counselor and
 * the workstation. Read from the projections (no reasons or content exist there). An entry whose
 * 学号 is not known yet cannot be matched on a workstation and is left out.
 */
export async function riskDigest(store: ReceiverStore, now: Date): Promise<RiskDigest> {
  const names = await workstationNames(store);
  const byKey = new Map<string, RiskDigestEntry>();
  const entry = (studentNo: string, workstationId: string): RiskDigestEntry => {
    const key = `${studentNo}\u0000${workstationId}`;
    let found = byKey.get(key);
    if (!found) {
      found = {
        studentNo,
        workstationId,
        workstationName: names.get(workstationId) ?? null,
        level: null,
        keyAttention: false,
        eventOpen: false,
        counselor: null,
      };
      byKey.set(key, found);
    }
    return found;
  };
  const today = now.toISOString().slice(0, 10);
  for (const merged of await mergedKeyAttention(store, today)) {
    if (!merged.student.studentNo) continue;
    for (const holder of merged.heldBy) {
      const e = entry(merged.student.studentNo, holder.workstationId);
      e.keyAttention = true;
      if (rank(holder.level) < rank(e.level)) e.level = holder.level;
      e.counselor ??= holder.responsible;
    }
  }
  for (const event of await openCrisisEvents(store, now)) {
    if (!event.student.studentNo) continue;
    const e = entry(event.student.studentNo, event.workstationId);
    e.eventOpen = true;
    if (rank(event.level) < rank(e.level)) e.level = event.level;
    // The event's owner is who acts now: named before the key-attention counselor.
    if (event.responsible) e.counselor = event.responsible;
  }
  const entries = [...byKey.values()].sort((a, b) => a.studentNo.localeCompare(b.studentNo) || a.workstationId.localeCompare(b.workstationId));
  return { createdAt: now.toISOString(), entries };
}

/** The signed inbound bundle: the items after `afterSeq` (all by default) and the current risk digest. */
export async function makeInboundBundle(
  store: ReceiverStore,
  options: { afterSeq?: number; signingKeyPem: string; now: Date },
): Promise<{ bundle: InboundBundle; fileText: string }> {
  const afterSeq = options.afterSeq ?? 0;
  const items = await inboundItems(store, afterSeq);
  const bundle: InboundBundle = {
    format: 1,
    kind: 'inbound',
    bundleId: randomUUID(),
    createdAt: options.now.toISOString(),
    fromSeq: afterSeq + 1,
    toSeq: items.length > 0 ? items[items.length - 1].seq : afterSeq,
    items,
    digest: await riskDigest(store, options.now),
  };
  return { bundle, fileText: signInbound(bundle, options.signingKeyPem) };
}

export const INBOUND_FILE_NAME = 'school-server-inbound.json';
