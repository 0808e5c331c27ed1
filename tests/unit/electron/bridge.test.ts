import { describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src-shared/contract';
import { createBridge, type BridgeIpc } from '../../../src-main/electron/bridge';
import { IPC_EVENT, IPC_INVOKE } from '../../../src-main/electron/ipc-names';

function fakeIpc(answer: () => Promise<unknown> = async () => ({ ok: true, value: 'v' })) {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  const ipc = {
    invoke: vi.fn((_channel: string, ..._args: unknown[]) => answer()),
    on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      handlers.set(channel, listener);
    }),
  } satisfies BridgeIpc;
  const push = (name: string, payload: unknown) => handlers.get(IPC_EVENT)?.({ sender: 'secret ipc event' }, name, payload);
  return { ipc, push };
}

const names = { channels: CHANNEL_NAMES, events: EVENT_NAMES, invokeChannel: IPC_INVOKE, eventChannel: IPC_EVENT };

describe('preload bridge', () => {
  it('exposes only host, invoke and on', () => {
    const bridge = createBridge(fakeIpc().ipc, names);
    expect(Object.keys(bridge).sort()).toEqual(['host', 'invoke', 'on']);
    expect(bridge.host).toBe('electron');
  });

  it('forwards declared channels over counsel:invoke', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc, names);
    expect(await bridge.invoke('app.status', {})).toEqual({ ok: true, value: 'v' });
    expect(ipc.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'app.status', {});
  });

  it('refuses undeclared channel names before anything crosses', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc, names);
    for (const name of ['no.such', '__proto__', 'constructor', '', 1 as unknown as string]) {
      expect(await bridge.invoke(name, {})).toEqual({ ok: false, error: { code: 'NOT_FOUND', details: { reason: 'unknownChannel' } } });
    }
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed IPC call into an INTERNAL envelope instead of a rejection', async () => {
    const { ipc } = fakeIpc(async () => Promise.reject(new Error('No handler registered')));
    const bridge = createBridge(ipc, names);
    expect(await bridge.invoke('app.status', {})).toEqual({ ok: false, error: { code: 'INTERNAL', details: { reason: 'ipcFailed' } } });
  });

  it('delivers only the payload of declared events, and unsubscribes', () => {
    const { ipc, push } = fakeIpc();
    const bridge = createBridge(ipc, names);
    const locked = vi.fn();
    const progress = vi.fn();
    const off = bridge.on('session.locked', locked);
    bridge.on('job.progress', progress);
    push('session.locked', { reason: 'idle' });
    expect(locked).toHaveBeenCalledTimes(1);
    expect(locked.mock.calls[0]).toEqual([{ reason: 'idle' }]);
    expect(progress).not.toHaveBeenCalled();
    off();
    push('session.locked', { reason: 'manual' });
    expect(locked).toHaveBeenCalledTimes(1);
    expect(ipc.on).toHaveBeenCalledTimes(1);
  });

  it('refuses to subscribe to undeclared events', () => {
    const bridge = createBridge(fakeIpc().ipc, names);
    expect(() => bridge.on('no.such' as never, () => {})).toThrow(TypeError);
    expect(() => bridge.on('session.locked', 'x' as never)).toThrow(TypeError);
  });

  it('keeps delivering when one listener throws', () => {
    const { ipc, push } = fakeIpc();
    const bridge = createBridge(ipc, names);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const second = vi.fn();
    bridge.on('session.locked', () => {
      throw new Error('boom');
    });
    bridge.on('session.locked', second);
    push('session.locked', { reason: 'manual' });
    expect(second).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});
