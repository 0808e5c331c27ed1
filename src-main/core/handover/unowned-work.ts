import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { OpenWorkGroup, OpenWorkKind } from '../../../src-shared/contract/followups';
import { type Role, isDirector } from '../../../src-shared/permissions';
import { cases } from '../store/schema/cases';
import { censusFollowups } from '../store/schema/census';
import { eventsWithoutOwner, stepsOfDisabledAccounts, stepsWithoutLiaison } from './step-reassignment';
import { keyAttention } from '../store/schema/keyattention';
import { accounts } from '../store/schema/kernel';
import type { Db, WriteContext } from '../store/unit-of-work';
import { displayNames } from '../accounts/account-service';
import {
  assertMayHold,
  caseFacts,
  caseRows,
  censusFacts,
  eventFacts,
  censusRows,
  keyAttentionFacts,
  keyAttentionRows,
  moveItem,
  stepFacts,
  taskFacts,
  taskRows,
  toGroups,
  type ItemFacts,
} from './open-work';
import { followupTasks } from '../store/schema/followups';

/*
 * 无人负责 (issue 14 items 10 and 11): open work that nobody can be expected to do, because no one
 * is named, the one named is disabled, or a department step's department has no liaison. It stays
 * on the director's workbench until someone takes it; an event's owner also sees its steps that
 * no liaison can do. Reading the list decides nothing: it is computed from the rows each time.
 */

export interface UnownedViewer {
  accountId: string;
  roles: readonly Role[];
}

function disabledIds(db: Db): string[] {
  return db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.disabled, true))
    .all()
    .map((a) => a.id);
}

/** Held by nobody, or by a disabled account: the reason follows from which. */
function heldByNobody(column: Parameters<typeof isNull>[0], disabled: string[]) {
  return disabled.length ? or(isNull(column), inArray(column as never, disabled)) : isNull(column);
}

const reasonOf = (assignee: string | null) => (assignee === null ? ('noAssignee' as const) : ('assigneeDisabled' as const));
const withReasons = (facts: ItemFacts[]) => facts.map((f) => ({ ...f, reason: reasonOf(f.assigneeId) }));

function unownedSteps(db: Db, now: Date, ownerId: string | null): ItemFacts[] {
  const byId = new Map<string, ItemFacts>();
  for (const f of stepFacts(stepsWithoutLiaison(db, now, ownerId), 'noDepartmentLiaison')) byId.set(f.id, f);
  const ofDisabled = stepsOfDisabledAccounts(db, now).filter((s) => ownerId === null || s.event.ownerId === ownerId);
  for (const f of stepFacts(ofDisabled, 'assigneeDisabled')) if (!byId.has(f.id)) byId.set(f.id, f);
  return [...byId.values()];
}

export function unownedFacts(db: Db, viewer: UnownedViewer, now: Date, today: string): Record<OpenWorkKind, ItemFacts[]> {
  if (!isDirector(viewer.roles)) {
    // Not the director: the steps of their own events that no liaison can do (item 11).
    return { tasks: [], crisisSteps: unownedSteps(db, now, viewer.accountId), crisisEvents: [], keyAttention: [], cases: [], censusFollowups: [] };
  }
  const disabled = disabledIds(db);
  const counselorOfEntry = sql`json_extract(${keyAttention.responsible}, '$.counselorId')`;
  return {
    tasks: withReasons(taskFacts(taskRows(db, and(heldByNobody(followupTasks.assignedTo, disabled))), now.toISOString())),
    crisisSteps: unownedSteps(db, now, null),
    crisisEvents: eventFacts(eventsWithoutOwner(db), ({ event, ownerDisabled }) => reasonOf(ownerDisabled ? event.ownerId : null)),
    keyAttention: withReasons(
      keyAttentionFacts(
        keyAttentionRows(db, and(disabled.length ? or(isNull(counselorOfEntry), inArray(counselorOfEntry, disabled)) : isNull(counselorOfEntry))),
        today,
      ),
    ),
    cases: disabled.length ? withReasons(caseFacts(caseRows(db, and(inArray(cases.counselorId, disabled))))) : [],
    censusFollowups: withReasons(censusFacts(censusRows(db, and(heldByNobody(censusFollowups.assignedTo, disabled))))),
  };
}

export function unownedGroups(db: Db, viewer: UnownedViewer, now: Date, today: string): OpenWorkGroup[] {
  return toGroups(db, unownedFacts(db, viewer, now, today), { seesStudents: true });
}

/**
 * Someone takes an unowned item: themselves, or (the director) a person they name. Checked
 * inside the write: an item someone already took is refused, so two people cannot both take it.
 */
export function takeOver(tx: WriteContext, viewer: UnownedViewer, input: { kind: OpenWorkKind; id: string; accountId?: string }, now: Date, today: string) {
  const to = input.accountId ?? viewer.accountId;
  if (to !== viewer.accountId && !isDirector(viewer.roles)) throw new AppError('FORBIDDEN', { reason: 'unownedAssignNotDirector' });
  const item = unownedFacts(tx.db, viewer, now, today)[input.kind].find((f) => f.id === input.id);
  if (!item) throw new AppError('CONFLICT', { reason: 'unownedNotFound' });
  assertMayHold(tx.db, input.kind, to, item.student);
  moveItem(tx, input.kind, item.id, to, 'taken-over', now.toISOString());
  return { kind: input.kind, id: item.id, assignee: { id: to, displayName: displayNames(tx.db, [to]).get(to) ?? '' } };
}
