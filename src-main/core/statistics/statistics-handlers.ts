import { isValidZone, localDateOf, localZone } from '../../../src-shared/calendar/calendar-time';
import { AppError } from '../../../src-shared/contract/errors';
import type { z } from 'zod';
import type { statisticsInputSchema } from '../../../src-shared/contract/statistics';
import { CLINICAL, type Role } from '../../../src-shared/permissions';
import { readTerm } from '../calendar/term';
import { readCrisisLevels } from '../settings/crisis-levels';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { readSettings } from '../settings/settings-service';
import { resolvePeriod, schoolYearOf } from './periods';
import { exportFileName, statisticsXlsx, workReportXlsx } from './statistics-export';
import { workReportTextSheet } from '../leadership/work-report-text';
import { listDepartments, type StatisticsQuery } from './statistics-service';
import type { OpenStore } from '../store/open-store';
import { cachedStatistics } from './statistics-cache';

type StatisticsChannelNames = 'statistics.options' | 'statistics.compute' | 'statistics.exportXlsx' | 'statistics.workReport';
type Input = z.output<typeof statisticsInputSchema>;

/** Exact figures on screen only for the clinical roles; the leadership group sees "<5". */
export function seesExactFigures(roles: readonly Role[]): boolean {
  return roles.some((role) => (CLINICAL as readonly Role[]).includes(role));
}

/** What a call asks, as the statistics service and its cache take it. */
export function statisticsQuery(store: OpenStore, input: Input, suppress: boolean): StatisticsQuery {
  const zone = input.timeZone ?? localZone();
  if (!isValidZone(zone)) throw new AppError('VALIDATION', { reason: 'statisticsUnknownZone' });
  const bounds = resolvePeriod(input.period, readTerm(store.db), zone);
  return { bounds, department: input.department ?? null, suppress, levels: readCrisisLevels(store.db) };
}

function compute({ vault }: CallContext, input: Input, suppress: boolean) {
  const store = vault.requireStore();
  // Each part is reused while the tables it reads are unchanged: see statistics-cache.ts.
  return cachedStatistics(store, statisticsQuery(store, input, suppress));
}

/** Every export is suppressed whoever makes it: a file leaves the center's control. */
async function exportFile(ctx: CallContext, input: Input, kind: 'statistics' | 'workReport') {
  const stats = compute(ctx, input, true);
  const store = ctx.vault.requireStore();
  const school = readSettings(store.db).schoolName;
  const contentBase64 =
    kind === 'statistics'
      ? await statisticsXlsx(stats, school)
      : await workReportXlsx(stats, school, workReportTextSheet(store.db, input.period, input.department));
  store.uow.run(ctx.vault.actor(), (tx) =>
    tx.record('export', 'statistics', null, {
      kind,
      period: input.period,
      department: input.department ?? null,
      start: stats.period.start,
      end: stats.period.end,
    }),
  );
  return { fileName: exportFileName(kind === 'statistics' ? '统计' : '工作总结数据', stats), contentBase64 };
}

export const statisticsHandlers: PartialHandlerMap<StatisticsChannelNames> = {
  'statistics.options': ({ vault }) => {
    const store = vault.requireStore();
    return {
      departments: listDepartments(store.sqlite),
      currentSchoolYear: schoolYearOf(localDateOf(vault.now(), localZone())),
      teachingTermSet: readTerm(store.db) !== null,
    };
  },

  'statistics.compute': (ctx, input) => compute(ctx, input, !seesExactFigures(ctx.vault.requireSession().roles)),

  'statistics.exportXlsx': (ctx, input) => exportFile(ctx, input, 'statistics'),

  'statistics.workReport': (ctx, input) => exportFile(ctx, input, 'workReport'),
};
