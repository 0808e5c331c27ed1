import { localDateOf, localZone } from '../../../src-shared/calendar/calendar-time';
import { semesterUnderWay } from '../../../src-shared/calendar/opening-period';
import { channels } from '../../../src-shared/contract';
import { scopeFor } from '../../../src-shared/permissions';
import type { CallContext } from '../handler-types';
import { schoolYearOf } from './periods';
import { recentQueries, refreshStalePart } from './statistics-cache';
import { seesExactFigures, statisticsQuery } from './statistics-handlers';
import type { StatisticsQuery } from './statistics-service';

/**
 * `quietMs`: how long the core has answered no call before a part is computed (a person reading
 * a page, not one opening it); `betweenPartsMs`: the pause between two parts, so a call that
 * arrives meanwhile waits for one part at most (≤ 50 ms at a decade's size); `recentQueries`: how
 * many of the views last asked are kept up to date besides the opening one.
 */
export const prefetchSettings = { quietMs: 1000, idleCheckMs: 1000, betweenPartsMs: 20, recentQueries: 2 };

/**
 * The question the statistics page asks first for the signed-in account: the semester under way,
 * the whole school, suppressed as the role sees it (statistics-handlers.ts). Null when the account
 * would not open the page (no permission, a password to change, the student holds the screen).
 */
export function openingQuery(ctx: Pick<CallContext, 'vault'>): StatisticsQuery | null {
  const { session, openStore: store } = ctx.vault;
  if (!session || !store || session.mustChangePassword || ctx.vault.studentModeAssessmentId !== null) return null;
  if (scopeFor(session.roles, channels['statistics.compute'].permission) === null) return null;
  const today = localDateOf(ctx.vault.now(), localZone());
  const period = semesterUnderWay(schoolYearOf(today), Number(today.slice(5, 7)));
  return statisticsQuery(store, { period }, !seesExactFigures(session.roles));
}

/**
 * Computes one part that is missing or out of date, of the opening view first, then of the views
 * this session asked last (the year a director keeps open, after an import or another process
 * wrote). False when there was none, or while a job (an import, a backup) runs: that work is not
 * slowed for a figure nobody asked for yet.
 */
export function prefetchStatisticsPart(ctx: Pick<CallContext, 'vault' | 'jobs'>): boolean {
  if (ctx.jobs.busy) return false;
  const opening = openingQuery(ctx);
  if (opening === null) return false;
  const store = ctx.vault.requireStore();
  for (const query of [opening, ...recentQueries(store, prefetchSettings.recentQueries)]) if (refreshStalePart(store, query)) return true;
  return false;
}

/**
 * A year's figures computed from nothing take over 100 ms at a decade's size (every part: after
 * sign-in, after an import, after another process wrote). While the core is idle, the page's
 * opening view and the views last asked are kept up to date one part at a time, so opening the
 * page finds them computed; a part the idle time did not reach is computed by the call as before.
 * The figures are the ones a call would keep (statistics-cache.ts): aggregates only, in memory,
 * gone with the store at lock.
 * `quietFor`: milliseconds since the core last answered a call, null while one is being answered.
 */
export function startStatisticsPrefetch(ctx: Pick<CallContext, 'vault' | 'jobs'>, quietFor: () => number | null): () => void {
  let timer: NodeJS.Timeout;
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref?.();
  };
  const tick = () => {
    let computed = false;
    try {
      const quiet = quietFor();
      if (quiet !== null && quiet >= prefetchSettings.quietMs) computed = prefetchStatisticsPart(ctx);
    } catch {
      // Housekeeping only: the page computes whatever is missing when it is opened.
    }
    schedule(computed ? prefetchSettings.betweenPartsMs : prefetchSettings.idleCheckMs);
  };
  schedule(prefetchSettings.idleCheckMs);
  return () => clearTimeout(timer);
}
