import type { z } from 'zod';
import type { ChannelName, ChannelOutput, Channels, EventName, EventPayload } from '../../src-shared/contract';
import type { JobRegistry } from './jobs/jobs';
import type { ParsedFileCache } from './jobs/parsed-file-cache';
import type { Clock } from './util/clock';
import type { Vault } from './vault';

/** What a handler may use: the vault (store, session, actor), the clock and the event sink. */
export interface CallContext {
  vault: Vault;
  clock: Clock;
  version: string;
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** The user is active now (postpones the idle lock). */
  markActive(): void;
  idleLockAt(): Date;
  jobs: JobRegistry;
  parsedFiles: ParsedFileCache;
}

export type Handler<C extends ChannelName> = (ctx: CallContext, input: z.output<Channels[C]['input']>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type HandlerMap = { [C in ChannelName]: Handler<C> };
export type PartialHandlerMap<K extends ChannelName> = { [C in K]: Handler<C> };

/** What a handler acting for the signed-in account works with: the open store, the session and the core's now. */
export function sessionCall(ctx: CallContext) {
  return { store: ctx.vault.requireStore(), session: ctx.vault.requireSession(), now: ctx.clock.now() };
}
