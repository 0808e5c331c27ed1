import { and, eq, ne } from 'drizzle-orm';
import { AppError } from '../../../src-shared/contract/errors';
import type { OpenStore } from '../store/open-store';
import type { Actor } from '../store/unit-of-work';
import { readReceipt, type Receipt } from './bundle/codec';
import { readOrRefuse } from './bundle-refusal';
import { exportBundles } from '../store/schema/sync';

export type BundleRow = typeof exportBundles.$inferSelect;

/** Verifies a receipt with the school server's key; a bad one is refused with the codec's code. */
export function verifyReceipt(fileText: string, serverKeyPem: string, workstationId: string): Receipt {
  const receipt = readOrRefuse(() => readReceipt(fileText, serverKeyPem), { reason: 'syncReceiptInvalid' });
  if (receipt.workstationId !== workstationId)
    throw new AppError('VALIDATION', { reason: 'syncReceiptOtherWorkstation', workstationId: receipt.workstationId });
  return receipt;
}

/**
 * Marks acknowledged every bundle of the receipt's profile that it names or that lies wholly at or
 * below what the server has applied. Bundles are matched by range, not id: a bundle sealed again
 * for a retry covers the same range.
 */
export function acknowledge(store: OpenStore, actor: Actor, receipt: Receipt, at: string): BundleRow[] {
  const named = new Set(receipt.acknowledged.map((a) => `${a.fromSeq}-${a.toSeq}`));
  return store.uow.run(actor, (tx) => {
    const open = tx.db
      .select()
      .from(exportBundles)
      .where(and(eq(exportBundles.profile, receipt.profile), ne(exportBundles.status, 'acknowledged')))
      .all();
    return open
      .filter((b) => b.toSeq <= receipt.appliedUpTo || named.has(`${b.fromSeq}-${b.toSeq}`))
      .map((b) =>
        tx.update(
          exportBundles,
          b.id,
          { status: 'acknowledged', acknowledgedAt: at, receiptId: receipt.receiptId, error: null, updatedAt: at },
          { action: 'sync-acknowledged', details: { receiptId: receipt.receiptId, profile: b.profile, fromSeq: b.fromSeq, toSeq: b.toSeq } },
        ),
      );
  });
}
