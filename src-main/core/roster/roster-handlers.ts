import type { RosterMapping } from '../../../src-shared/contract/roster';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import { detectMapping, mappingFits, mappingProblems } from './mapping';
import { parseTableFile } from '../util/parse-table';
import { rejectedRowsCsv } from '../util/rejected-file';
import { rosterTemplate } from './roster-template';
import { planRosterImport, writeRosterPlan, type RosterPlan } from './roster-import';

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

async function parseAndPlan(ctx: CallContext, input: { fileName: string; contentBase64: string; mapping?: RosterMapping; jobId?: string }, preview: boolean) {
  const { db } = ctx.vault.requireStore();
  const job = ctx.jobs.begin(input.jobId, (phase, done, total) => ctx.emit('job.progress', { jobId: job.id, phase, done, total }));
  try {
    job.report('parse', 0, 1);
    // The preview keeps the parsed file for the import that follows; the import does not keep it.
    let parsedHere = false;
    const parse = () => {
      parsedHere = true;
      return parseTableFile(input.fileName, Buffer.from(input.contentBase64, 'base64'));
    };
    const table = await (preview
      ? ctx.parsedFiles.get(input.fileName, input.contentBase64, parse)
      : ctx.parsedFiles.take(input.fileName, input.contentBase64, parse));
    await job.checkpoint();
    const remembered = readSettingValue<RosterMapping>(db, MAPPING_SETTING);
    const [mapping, mappingSource] = input.mapping
      ? [input.mapping, 'given' as const]
      : remembered && mappingFits(remembered, table.headers)
        ? [remembered, 'remembered' as const]
        : [detectMapping(table.headers), 'detected' as const];
    const mappingErrors = mappingProblems(mapping, table.headers);
    // What the file is and, for the preview, its rejected rows: nothing of the caller's holds the
    // file's rows through the import's writes.
    const file = { encoding: table.encoding, headers: table.headers };
    if (mappingErrors.length > 0 && preview) return { job, file, mapping, mappingSource, mappingErrors, plan: emptyPlan(table.rows.length), rejectedCsv: null };
    // An import's own parse (no preview's table taken over, which that preview may still be reading)
    // is let go row by row as it is planned.
    const plan = await planRosterImport(db, table, mapping, job, { releaseRows: !preview && parsedHere });
    return { job, file, mapping, mappingSource, mappingErrors, plan, rejectedCsv: preview ? rejectedRowsCsv(table, plan.problems) : null };
  } catch (error) {
    job.end();
    throw error;
  }
}

export const rosterHandlers: PartialHandlerMap<'roster.preview' | 'roster.import' | 'jobs.cancel' | 'roster.rememberedMapping' | 'roster.template'> = {
  'roster.preview': async (ctx, input) => {
    const { job, file, mapping, mappingSource, mappingErrors, plan, rejectedCsv: csv } = await parseAndPlan(ctx, input, true);
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
    const { job, mapping, plan } = await parseAndPlan(ctx, input, false);
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
