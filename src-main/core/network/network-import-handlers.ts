import type { CallContext, PartialHandlerMap } from '../handler-types';
import { parseTableFile } from '../util/parse-table';
import { todayOf } from '../util/local-day';
import { schoolYearOf } from '../../../src-shared/contract/network';
import { missingColumns, planNetworkImport, planSummary, registerXlsx, templateXlsx, writeNetworkImport } from './network-import';

type NetworkImportChannelNames = 'network.template' | 'network.export' | 'network.preview' | 'network.import';

function parse(ctx: CallContext, input: { fileName: string; contentBase64: string }) {
  return ctx.parsedFiles.get(input.fileName, input.contentBase64, () => parseTableFile(input.fileName, Buffer.from(input.contentBase64, 'base64')));
}

/** Import, export and template of the register: the roster's check-before-import flow. */
export const networkImportHandlers: PartialHandlerMap<NetworkImportChannelNames> = {
  'network.template': async (ctx) => ({
    fileName: '工作网络导入模板.xlsx',
    contentBase64: await templateXlsx(schoolYearOf(todayOf(ctx.vault.now()))),
  }),

  'network.export': async (ctx, input) => {
    const store = ctx.vault.requireStore();
    const schoolYear = input.schoolYear ?? schoolYearOf(todayOf(ctx.vault.now()));
    const contentBase64 = await registerXlsx(store.db, schoolYear);
    // The register names people and phone numbers: taking it out of the app is audited.
    store.uow.run(ctx.vault.actor(), (tx) => tx.record('export', 'network_people', null, { schoolYear }));
    return { fileName: `工作网络-${schoolYear}.xlsx`, contentBase64 };
  },

  'network.preview': async (ctx, input) => {
    const table = await parse(ctx, input);
    const missing = missingColumns(table.headers);
    if (missing.length > 0)
      return { rows: table.rows.length, created: 0, updated: 0, unchanged: 0, rejected: [], headers: table.headers, missingColumns: missing };
    const plan = planSummary(planNetworkImport(ctx.vault.requireStore().db, table));
    return { ...plan, headers: table.headers, missingColumns: [] };
  },

  'network.import': async (ctx, input) => {
    const table = await parse(ctx, input);
    const store = ctx.vault.requireStore();
    const at = ctx.vault.now();
    // Planned again inside the write transaction, so the commit is exactly what the rows say now.
    return store.uow.run(ctx.vault.actor(), (tx) => {
      const work = planNetworkImport(tx.db, table);
      writeNetworkImport(tx, work, at);
      return planSummary(work);
    });
  },
};
