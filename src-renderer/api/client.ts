import type { ChannelInput, ChannelName, ChannelOutput, ErrorCode, ErrorDetails, EventName, EventPayload } from '../../src-shared/contract';
// Only the small modules: the contract index would bring every channel's schemas into the start-up script.
import { isSerializedError } from '../../src-shared/contract/errors';
import { events } from '../../src-shared/contract/events';
import type { CounselBridge } from '../../src-shared/bridge';

/** A call that the host answered with `ok: false`: a code and translatable details, never a stack. */
export class CallError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  readonly channel: ChannelName;

  constructor(channel: ChannelName, code: ErrorCode, details: ErrorDetails = {}) {
    super(details.reason ? `${channel}: ${code} (${details.reason})` : `${channel}: ${code}`);
    this.name = 'CallError';
    this.channel = channel;
    this.code = code;
    this.details = details;
  }

  get reason(): string | undefined {
    return typeof this.details.reason === 'string' ? this.details.reason : undefined;
  }
}

export function isCallError(error: unknown): error is CallError {
  return error instanceof CallError;
}

function bridge(): CounselBridge {
  const host = (globalThis as { counsel?: CounselBridge }).counsel;
  if (!host) throw new CallError('app.status', 'INTERNAL', { reason: 'noBridge' });
  return host;
}

/** Calls a contract channel through `window.counsel`; resolves with the output or throws CallError. */
export async function call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let result;
  try {
    result = await bridge().invoke(channel, input);
  } catch (error) {
    if (error instanceof CallError) throw error;
    throw new CallError(channel, 'INTERNAL', { reason: 'bridgeFailed' });
  }
  if (result && result.ok === true) return result.value as ChannelOutput<C>;
  const failure = result && result.ok === false && isSerializedError(result.error) ? result.error : null;
  if (failure) throw new CallError(channel, failure.code, failure.details ?? {});
  throw new CallError(channel, 'INTERNAL', { reason: 'badEnvelope' });
}

/** Subscribes to a core event; payloads that do not match the contract are dropped. */
export function onEvent<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
  const host = (globalThis as { counsel?: CounselBridge }).counsel;
  if (!host) return () => undefined;
  return host.on(name, (payload) => {
    const parsed = events[name].payload.safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}
