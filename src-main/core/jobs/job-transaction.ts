import type { CallContext } from '../handler-types';
import { runLongTransaction } from '../store/long-transaction';
import type { WriteContext } from '../store/unit-of-work';
import type { JobToken } from './jobs';

/** What a job writes: its items one by one, then (optionally) its closing rows and events. */
export interface JobWrites<I> {
  items: readonly I[];
  write: (tx: WriteContext, item: I) => void;
  finish?: (tx: WriteContext) => void;
}

/**
 * A call's import as one long transaction (runLongTransaction): on the vault's job connection,
 * as the calling account, on the core's clock.
 */
export function runJobTransaction<I>(ctx: CallContext, job: JobToken, writes: JobWrites<I>): Promise<void> {
  return runLongTransaction({
    store: ctx.vault.requireStore(),
    connection: ctx.vault.openJobConnection(),
    clock: ctx.clock,
    actor: ctx.vault.actor(),
    job,
    checkpointElsewhere: () => ctx.vault.checkpointInBackground(),
    ...writes,
  });
}
