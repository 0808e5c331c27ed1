import { AppError } from '../../../src-shared/contract/errors';
import type { InstrumentId } from '../../../src-shared/instruments/types';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { parseTableFile } from '../util/parse-table';
import { studentScopeFor } from '../students/scope';
import { runJobTransaction } from '../jobs/job-transaction';
import type { CensusMapping } from '../../../src-shared/contract/census';
import type { ParsedChannelInput } from '../../../src-shared/contract/channels';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { Db } from '../store/unit-of-work';
import { columnsFromMapping, mappingFromColumns, scanCensusColumns, unusedItemColumns, type CensusColumns, type CensusMappingError } from './census-columns';
import { announcedAlerts, fileInstrumentsOf, planCensusImport, screeningCounts, writeCensusRow, type CensusPlan } from './census-import';
import { departmentListXlsx, statisticsXlsx } from './census-export';
import { censusStatistics } from './census-statistics';
import type { Session } from '../vault';
import {
  assignFollowups,
  createBatch,
  departmentStatus,
  followupForAlert,
  followupHistory,
  followupProgress,
  listBatches,
  listFollowups,
  planInstrumentsAdded,
  recordOutcome,
  saveInstrumentsAdded,
} from './census-service';
import { followupEntry, followupPage } from './followup-list';
import { requireRow } from '../store/require-row';

type CensusChannelNames =
  | 'census.createBatch'
  | 'census.addInstruments'
  | 'census.followupHistory'
  | 'census.followupForAlert'
  | 'census.listBatches'
  | 'census.preview'
  | 'census.import'
  | 'census.followups'
  | 'census.assign'
  | 'census.recordOutcome'
  | 'census.progress'
  | 'census.statistics'
  | 'census.exportStatistics'
  | 'census.departmentStatus'
  | 'census.exportDepartmentList';

function summary(plan: CensusPlan, instruments: readonly string[], imported: number, alerts: number, instrumentsAdded?: readonly string[]) {
  const counts = screeningCounts(plan);
  return {
    ...(instrumentsAdded && { instrumentsAdded: [...instrumentsAdded] }),
    rows: plan.rows,
    imported,
    unchanged: plan.unchanged,
    rejected: plan.problems.map((p) => ({ row: p.row, reason: p.reason })),
    warnings: plan.warnings.map((p) => ({ row: p.row, reason: p.reason })),
    ...(instruments.includes('scl90') && { positive: counts.positive }),
    ...(instruments.includes('upi') && { category1: counts.category1, category2: counts.category2 }),
    alerts,
  };
}

function assertOwnDepartment(db: Db, session: Session, department: string): void {
  const scope = studentScopeFor(db, session);
  if (scope.kind === 'department' && scope.department !== department) throw new AppError('FORBIDDEN', { reason: 'otherDepartment' });
}

const mappingSetting = (platform: string) => `census.mapping.${platform}`;

interface ChosenColumns {
  /** null when the file cannot be read with this mapping yet (see `errors`). */
  columns: CensusColumns | null;
  mapping: CensusMapping;
  source: 'given' | 'remembered' | 'detected';
  errors: CensusMappingError[];
}

function mappingErrorOf(error: unknown): CensusMappingError | null {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION') return null;
  const reason = error.details.reason;
  return reason === 'censusNoStudentNoColumn' || reason === 'censusItemColumnsMissing' || reason === 'mappingColumnMissing'
    ? (error.details as unknown as CensusMappingError)
    : null;
}

/** Given mapping, else the one remembered for this platform when it fits the file, else detected. */
function chooseColumns(db: Db, headers: string[], instruments: string[], input: { mapping?: CensusMapping; platform: string }): ChosenColumns {
  if (input.mapping) {
    try {
      const columns = columnsFromMapping(headers, input.mapping, instruments);
      return { columns, mapping: mappingFromColumns(headers, columns), source: 'given', errors: [] };
    } catch (error) {
      const problem = mappingErrorOf(error);
      if (!problem) throw error;
      return { columns: null, mapping: input.mapping, source: 'given', errors: [problem] };
    }
  }
  const remembered = readSettingValue<CensusMapping>(db, mappingSetting(input.platform));
  if (remembered) {
    try {
      const columns = columnsFromMapping(headers, remembered, instruments);
      return { columns, mapping: mappingFromColumns(headers, columns), source: 'remembered', errors: [] };
    } catch {
      // Another layout from the same platform: fall back to detection.
    }
  }
  const scanned = scanCensusColumns(headers, instruments);
  return {
    columns: scanned.errors.length ? null : scanned.columns,
    mapping: mappingFromColumns(headers, scanned.columns),
    source: 'detected',
    errors: scanned.errors,
  };
}

/** What `census.preview` and `census.import` get (one input schema for both). */
type PlanInput = ParsedChannelInput<'census.import'>;

/** Parse the file and choose its columns; the plan is made only when the columns can be read. */
async function plan(ctx: CallContext, input: PlanInput, preview: boolean) {
  const { db } = ctx.vault.requireStore();
  const stored = requireRow(db, 'censusBatch', input.batchId);
  // A batch's questionnaires may come in separate files: the file's instruments the batch lacks
  // are added (with the batch's default rules) in the import's own transaction, when asked.
  const adding = input.addInstruments && input.instruments ? planInstrumentsAdded(db, stored, input.instruments) : { batch: stored, added: [] };
  const batch = adding.batch;
  const fileInstruments = fileInstrumentsOf(batch, input.instruments);
  const job = ctx.jobs.begin(input.jobId, (phase, done, total) => ctx.emit('job.progress', { jobId: job.id, phase, done, total }));
  try {
    job.report('parse', 0, 1);
    // The preview keeps the parsed file for the import that follows; the import does not keep it.
    const parse = () => parseTableFile(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    const table = await (preview
      ? ctx.parsedFiles.get(input.fileName, input.contentBase64, parse)
      : ctx.parsedFiles.take(input.fileName, input.contentBase64, parse));
    const chosen = chooseColumns(db, table.headers, fileInstruments, input);
    // Adding a questionnaire to a batch from a file must not read another questionnaire's items as
    // it (a mistaken --instruments): the file may hold no item columns the reading leaves unused.
    const unused = adding.added.length > 0 && chosen.columns ? unusedItemColumns(table.headers, chosen.columns) : 0;
    if (unused > 0) throw new AppError('VALIDATION', { reason: 'censusFileHasOtherItems', instruments: adding.added, columns: unused });
    const planned = chosen.columns
      ? await planCensusImport(db, batch, table, { createMissingStudents: input.createMissingStudents, fileInstruments, columns: chosen.columns }, job)
      : null;
    // What the file is, not its rows: nothing of the caller's holds them through the writes.
    const file = { rows: table.rows.length, encoding: table.encoding, headers: table.headers };
    return { batch, adding, job, file, plan: planned, chosen, fileInstruments };
  } catch (error) {
    job.end();
    throw error;
  }
}

export const censusHandlers: PartialHandlerMap<CensusChannelNames> = {
  'census.createBatch': ({ vault }, input) =>
    vault.requireStore().uow.run(vault.actor(), (tx) => createBatch(tx, { ...input, instruments: input.instruments as InstrumentId[] }, vault.now())),

  'census.addInstruments': ({ vault }, input) => {
    const store = vault.requireStore();
    return store.uow.run(vault.actor(), (tx) => {
      const planned = planInstrumentsAdded(tx.db, requireRow(tx.db, 'censusBatch', input.batchId), input.instruments, input.rules);
      return { ...saveInstrumentsAdded(tx, planned, vault.now()), instrumentsAdded: planned.added };
    });
  },

  'census.listBatches': ({ vault }) => listBatches(vault.requireStore().db),

  'census.preview': async (ctx, input) => {
    const { job, file, plan: planned, chosen, fileInstruments, adding } = await plan(ctx, input, true);
    const instrumentsAdded = input.addInstruments ? adding.added : undefined;
    job.end();
    if (!planned) {
      // The columns cannot be read yet: show the headers and what is missing so the user can map them.
      return {
        rows: file.rows,
        imported: 0,
        unchanged: 0,
        rejected: [],
        warnings: [],
        alerts: 0,
        ...(instrumentsAdded && { instrumentsAdded }),
        encoding: file.encoding,
        headers: file.headers,
        mapping: chosen.mapping,
        mappingSource: chosen.source,
        mappingErrors: chosen.errors,
        problems: [],
      };
    }
    const alerts = announcedAlerts(planned);
    return {
      ...summary(planned, fileInstruments, planned.accepted.length, alerts, instrumentsAdded),
      encoding: file.encoding,
      headers: file.headers,
      mapping: chosen.mapping,
      mappingSource: chosen.source,
      mappingErrors: [],
      problems: [...planned.problems, ...planned.warnings].slice(0, 1000),
    };
  },

  'census.import': async (ctx, input) => {
    const { batch, adding, job, file, plan: planned, chosen, fileInstruments } = await plan(ctx, input, false);
    try {
      if (!planned || !chosen.columns) throw new AppError('VALIDATION', { ...chosen.errors[0] });
      const columns = chosen.columns;
      let alerts = 0;
      const at = ctx.vault.now();
      await runJobTransaction(ctx, job, {
        items: planned.accepted,
        write: (tx, row) => (alerts += writeCensusRow(tx, batch, row, at)),
        finish: (tx) => {
          saveInstrumentsAdded(tx, adding, at);
          writeSettingValue(tx, mappingSetting(input.platform), mappingFromColumns(file.headers, columns), at);
          tx.record('census-import', 'census_batches', batch.id, { rows: planned.rows, imported: planned.accepted.length, rejected: planned.problems.length });
        },
      });
      const outcome = { imported: planned.accepted.length, alerts };
      return summary(planned, fileInstruments, outcome.imported, outcome.alerts, input.addInstruments ? adding.added : undefined);
    } finally {
      job.end();
    }
  },

  'census.followups': ({ vault }, input) => {
    const store = vault.requireStore();
    requireRow(store.db, 'censusBatch', input.batchId);
    const paged = input.offset !== undefined || input.limit !== undefined;
    const filter = { department: input.department, status: input.status };
    const list = paged
      ? followupPage(store.db, input.batchId, filter, { offset: input.offset ?? 0, limit: input.limit ?? 50 })
      : listFollowups(store.db, input.batchId, filter);
    const rows = Array.isArray(list) ? list.length : list.rows.length;
    // The list carries screening reasons: who looked at it is audited like a clinical view.
    store.uow.run(vault.actor(), (tx) =>
      tx.record('view', 'census_followups', input.batchId, { department: input.department ?? null, rows, ...(paged && { offset: input.offset ?? 0 }) }),
    );
    return list;
  },

  'census.assign': ({ vault }, input) => {
    const store = vault.requireStore();
    requireRow(store.db, 'censusBatch', input.batchId);
    return { assigned: store.uow.run(vault.actor(), (tx) => assignFollowups(tx, input, vault.now())) };
  },

  'census.recordOutcome': ({ vault }, input) => {
    const store = vault.requireStore();
    const session = vault.requireSession();
    const batchId = store.uow.run(vault.actor(), (tx) => recordOutcome(tx, session, input, vault.now()));
    return followupEntry(store.db, batchId, input.followupId)!;
  },

  'census.followupForAlert': ({ vault }, input) => followupForAlert(vault.requireStore().db, input.alertId),

  'census.followupHistory': ({ vault }, input) => {
    const store = vault.requireStore();
    const { batchId, rows } = followupHistory(store.db, input.followupId);
    store.uow.run(vault.actor(), (tx) => tx.record('view', 'census_followups', input.followupId, { kind: 'history', batchId }));
    return rows;
  },

  'census.statistics': ({ vault }, input) => {
    const { db } = vault.requireStore();
    const current = censusStatistics(db, requireRow(db, 'censusBatch', input.batchId));
    const previous = input.compareBatchId ? censusStatistics(db, requireRow(db, 'censusBatch', input.compareBatchId)) : null;
    return { current, previous };
  },

  'census.exportStatistics': async ({ vault }, input) => {
    const store = vault.requireStore();
    const batch = requireRow(store.db, 'censusBatch', input.batchId);
    const contentBase64 = await statisticsXlsx(batch.name, censusStatistics(store.db, batch));
    store.uow.run(vault.actor(), (tx) => tx.record('export', 'census_batches', batch.id, { kind: 'statistics' }));
    return { fileName: `${batch.name}-普查统计.xlsx`, contentBase64 };
  },

  'census.departmentStatus': ({ vault }, input) => {
    const { db } = vault.requireStore();
    const batch = requireRow(db, 'censusBatch', input.batchId);
    assertOwnDepartment(db, vault.requireSession(), input.department);
    return departmentStatus(db, batch.id, input.department);
  },

  /** A liaison may export only their own department's list; it never carries scores. */
  'census.exportDepartmentList': async ({ vault }, input) => {
    const store = vault.requireStore();
    const batch = requireRow(store.db, 'censusBatch', input.batchId);
    assertOwnDepartment(store.db, vault.requireSession(), input.department);
    const entries = departmentStatus(store.db, batch.id, input.department);
    const contentBase64 = await departmentListXlsx(entries);
    store.uow.run(vault.actor(), (tx) =>
      tx.record('export', 'census_batches', batch.id, { kind: 'departmentList', department: input.department, rows: entries.length }),
    );
    return { fileName: `${batch.name}-${input.department}-约谈名单.xlsx`, contentBase64 };
  },

  'census.progress': ({ vault }, input) => {
    const { db } = vault.requireStore();
    requireRow(db, 'censusBatch', input.batchId);
    return followupProgress(db, input.batchId, studentScopeFor(db, vault.requireSession()));
  },
};
