import { vi } from 'vitest';
import type { CallResult, ChannelInput, ChannelName, ChannelOutput, ErrorCode, ErrorDetails, EventName, SessionInfo } from '../../src-shared/contract';
import type { CounselBridge } from '../../src-shared/bridge';
import { ENTITY_KINDS, channelWrites } from '../../src-shared/contract';

/** A handler returns the channel's output, or `fail(...)` for an error envelope. */
type Handler<C extends ChannelName> = (input: ChannelInput<C>) => ChannelOutput<C> | Failure | Promise<ChannelOutput<C> | Failure>;
export type Handlers = { [C in ChannelName]?: Handler<C> };

class Failure {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails,
  ) {}
}

export function fail(code: ErrorCode, details: ErrorDetails = {}): Failure {
  return new Failure(code, details);
}

export interface FakeBridge {
  bridge: CounselBridge;
  calls: { channel: string; input: unknown }[];
  callsTo(channel: ChannelName): unknown[];
  emit(event: EventName, payload: unknown): void;
  handlers: Handlers;
}

/** `window.counsel` for jsdom tests: answers from `handlers`, records every call. */
export function installFakeBridge(handlers: Handlers): FakeBridge {
  const calls: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const bridge: CounselBridge = {
    host: 'test',
    invoke: vi.fn(async (channel: string, input: unknown): Promise<CallResult<unknown>> => {
      calls.push({ channel, input });
      const handler = handlers[channel as ChannelName] as ((input: unknown) => unknown) | undefined;
      if (!handler) return { ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } } };
      const result = await handler(input);
      if (result instanceof Failure) return { ok: false, error: { code: result.code, details: result.details } };
      // Like the core, a write announces a change; the fake cannot tell which tables, so every kind.
      if (channelWrites(channel)) listeners.get('store.changed')?.forEach((listener) => listener({ kinds: ENTITY_KINDS }));
      return { ok: true, value: result };
    }),
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)?.delete(listener);
    },
  };
  Object.defineProperty(window, 'counsel', { value: bridge, configurable: true, writable: true });
  return {
    bridge,
    calls,
    handlers,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    emit: (event, payload) => listeners.get(event)?.forEach((listener) => listener(payload)),
  };
}

export function session(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    accountId: 'acc-1',
    username: 'zhang.admin',
    displayName: '张老师',
    roles: ['admin', 'director'],
    mustChangePassword: false,
    idleLockMinutes: 10,
    ...overrides,
  };
}

export const status = {
  uninitialized: () => ({ initialized: false, locked: true, version: '0.1.0', session: null, studentMode: false }),
  locked: () => ({ initialized: true, locked: true, version: '0.1.0', session: null, studentMode: false }),
  signedIn: (s: SessionInfo) => ({ initialized: true, locked: false, version: '0.1.0', session: s, studentMode: false }),
};
