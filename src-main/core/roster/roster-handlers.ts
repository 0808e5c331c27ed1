import type { RosterMapping } from '../../../src-shared/contract/roster';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import { detectMapping, mappingFits, mappingProblems } from './mapping';
import { parseTableFile, type ParsedTable } from '../util/parse-table';
import { rejectedRowsCsv } from '../util/rejected-file';
import { rosterTemplate } from './roster-template';
import { planRosterImport, streamRosterPlan, writeRosterPlan, type RosterPlan } from './roster-import';
import type { JobToken } from '../jobs/jobs';

const MAPPING_SETTING = 'roster.mapping';

function summary(plan: RosterPlan) {
  return {
    rows: plan.rows,
    created: plan.create.length,
    updated: plan.update.length,
    unchanged: plan.unchanged,
    rejected: plan.problems.map((p) => ({ row: p.row, reason: p.reason })),
  };
}

function emptyPlan(rows: number): RosterPlan {
  return { rows, create: [], update: [], unchanged: 0, problems: [] };
}

type RosterFileInput = { fileName: string; contentBase64: string; mapping?: RosterMapping; jobId?: string };

/** The mapping given, else the remembered one when it fits this file's header, else one detected from it. */
function chooseMapping(ctx: CallContext, given: RosterMapping | undefined, headers: readonly string[]) {
  const remembered = readSettingValue<RosterMapping>(ctx.vault.requireStore().db, MAPPING_SETTING);
  return given
    ? ([given, 'given'] as const)
    : remembered && mappingFits(remembered, headers)
      ? ([remembered, 'remembered'] as const)
      : ([detectMapping(headers), 'detected'] as const);
}

/** A job for the call; it is ended here if `run` fails, else by the caller. */
async function inJob<T extends object>(ctx: CallContext, jobId: string | undefined, run: (job: JobToken) => Promise<T>): Promise<T & { job: JobToken }> {
  const job = ctx.jobs.begin(jobId, (phase, done, total) => ctx.emit('job.progress', { jobId: job.id, phase, done, total }));
  try {
    job.report('parse', 0, 1);
    return { ...(await run(job)), job };
  } catch (error) {
    job.end();
    throw error;
  }
}

/** The preview parses the file and keeps the parsed table for the import that follows. */
function previewPlan(ctx: CallContext, input: RosterFileInput) {
  return inJob(ctx, input.jobId, async (job) => {
    const { db } = ctx.vault.requireStore();
    const table = await ctx.parsedFiles.get(input.fileName, input.contentBase64, () =>
      parseTableFile(input.fileName, Buffer.from(input.contentBase64, 'base64')),
    );
    await job.checkpoint();
    const [mapping, mappingSource] = chooseMapping(ctx, input.mapping, table.headers);
    const mappingErrors = mappingProblems(mapping, table.headers);
    const file = { encoding: table.encoding, headers: table.headers };
    if (mappingErrors.length > 0) return { file, mapping, mappingSource, mappingErrors, plan: emptyPlan(table.rows.length), rejectedCsv: null };
    const plan = await planRosterImport(db, table, mapping, job);
    return { file, mapping, mappingSource, mappingErrors, plan, rejectedCsv: rejectedRowsCsv(table, plan.problems) };
  });
}

/**
 * The import takes the preview's parsed table when there was one (and does not keep it). Else it
 * reads the file row by row into its plan, never holding the parsed file whole (issue 19 goal 3):
 * nothing of the caller's holds the file's rows through the import's writes.
 */
function importPlan(ctx: CallContext, input: RosterFileInput) {
  return inJob(ctx, input.jobId, async (job) => {
    const { db } = ctx.vault.requireStore();
    const previewed = await ctx.parsedFiles.take<ParsedTable | null>(input.fileName, input.contentBase64, () => Promise.resolve(null));
    if (previewed === null) {
      const choose = (headers: readonly string[]) => chooseMapping(ctx, input.mapping, headers)[0];
      return streamRosterPlan(db, input.fileName, Buffer.from(input.contentBase64, 'base64'), choose, job);
    }
    await job.checkpoint();
    // That table may still be read by the preview that made it: it is not let go row by row.
    const mapping = chooseMapping(ctx, input.mapping, previewed.headers)[0];
    return { mapping, plan: await planRosterImport(db, previewed, mapping, job) };
  });
}

export const rosterHandlers: PartialHandlerMap<'roster.preview' | 'roster.import' | 'jobs.cancel' | 'roster.rememberedMapping' | 'roster.template'> = {
  'roster.preview': async (ctx, input) => {
    const { job, file, mapping, mappingSource, mappingErrors, plan, rejectedCsv: csv } = await previewPlan(ctx, input);
    job.end();
    return {
      encoding: file.encoding,
      headers: file.headers,
      mapping,
      mappingSource,
      mappingErrors,
      plan: summary(plan),
      problems: plan.problems.slice(0, 1000),
      rejectedCsvBase64: csv === null ? null : Buffer.from(csv, 'utf8').toString('base64'),
    };
  },

  'roster.import': async (ctx, input) => {
    const { job, mapping, plan } = await importPlan(ctx, input);
    try {
      const at = ctx.vault.now();
      // Taken before the writes, which consume the plan's rows.
      const result = summary(plan);
      // One transaction for every accepted row, the remembered mapping and the audit/outbox
      // events, written in slices so the window's other calls are still answered.
      await writeRosterPlan(ctx, job, plan, at, (tx) => {
        writeSettingValue(tx, MAPPING_SETTING, mapping, at);
        tx.record('roster-import', 'students', null, { ...result, rejected: plan.problems.length });
      });
      return result;
    } finally {
      job.end();
    }
  },

  'jobs.cancel': (ctx, input) => ({ cancelled: ctx.jobs.cancel(input.jobId) }),

  'roster.rememberedMapping': ({ vault }) => readSettingValue<RosterMapping>(vault.requireStore().db, MAPPING_SETTING) ?? null,

  'roster.template': () => rosterTemplate(),
};
