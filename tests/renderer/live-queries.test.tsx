import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { useWrite } from '../../src-renderer/api/mutations';
import { createQueryClient, useCallQuery } from '../../src-renderer/api/queries';
import { FormModal } from '../../src-renderer/components/FormModal';
import { setLanguage } from '../../src-renderer/i18n';
import { fail, installFakeBridge, type Handlers } from './fake-bridge';

/** A list on one part of the screen: the open crisis events' count, as the board would show it. */
function BoardCount() {
  const board = useCallQuery('crisis.board', {} as never);
  return <div data-testid="board">{board.data ? (board.data as unknown as { rows: unknown[] }).rows.length : '…'}</div>;
}

/** A list that reads only training sessions. */
function TrainingCount() {
  const list = useCallQuery('training.list', {} as never);
  return <div data-testid="training">{list.data ? (list.data as unknown as { rows: unknown[] }).rows.length : '…'}</div>;
}

/** A write somewhere else: a modal form that opens an event, through the one mutation hook. */
function OpenEventForm() {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ description: string }>();
  const write = useWrite('crisis.open', { onSuccess: () => setOpen(false) });
  return (
    <>
      <Button onClick={() => setOpen(true)}>新建危机事件</Button>
      {open ? (
        <FormModal
          title="新建危机事件"
          form={form}
          onClose={() => setOpen(false)}
          pending={write.pending}
          error={write.error}
          onSubmit={({ description }) => write.run({ studentId: 's-1', level: '1', discoveredAt: '2026-11-02T08:00:00.000Z', description })}
        >
          <Form.Item name="description" label="经过">
            <Input />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}

function renderScreen(handlers: Handlers) {
  const bridge = installFakeBridge(handlers);
  render(
    <QueryClientProvider client={createQueryClient()}>
      <AntApp>
        <BoardCount />
        <TrainingCount />
        <OpenEventForm />
      </AntApp>
    </QueryClientProvider>,
  );
  return bridge;
}

describe('one way to write, lists that follow store.changed', () => {
  it('a write in one place refreshes a list elsewhere', async () => {
    await setLanguage('zh-CN');
    const rows: unknown[] = [];
    const bridge = renderScreen({
      'crisis.board': () => ({ rows: [...rows] }) as never,
      'training.list': () => ({ rows: [] }) as never,
      'crisis.open': () => {
        rows.push({ id: 'e-1' });
        return { id: 'e-1', eventNo: 'W2026-001' } as never;
      },
    });
    await screen.findByText('0', { selector: '[data-testid="board"]' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '新建危机事件' }));
    await user.type(screen.getByLabelText('经过'), '宿舍发现');
    await user.click(screen.getByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(screen.getByTestId('board').textContent).toBe('1'));
    expect(bridge.callsTo('crisis.board').length).toBe(2);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('a change reported by the core (an import, the CLI) refetches exactly the lists reading that kind', async () => {
    await setLanguage('zh-CN');
    const bridge = renderScreen({ 'crisis.board': () => ({ rows: [] }) as never, 'training.list': () => ({ rows: [] }) as never });
    await screen.findByText('0', { selector: '[data-testid="board"]' });
    await screen.findByText('0', { selector: '[data-testid="training"]' });
    bridge.emit('store.changed', { kinds: ['crisis', 'audit', 'sync'] });
    await waitFor(() => expect(bridge.callsTo('crisis.board').length).toBe(2));
    bridge.emit('store.changed', { kinds: ['courses'] });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bridge.callsTo('crisis.board').length).toBe(2);
    expect(bridge.callsTo('training.list').length).toBe(1);
    bridge.emit('store.changed', { kinds: ['training'] });
    await waitFor(() => expect(bridge.callsTo('training.list').length).toBe(2));
    expect(bridge.callsTo('crisis.board').length).toBe(2);
  });

  it('a refused write shows its translated reason above the form, keeps the form open and refreshes nothing', async () => {
    await setLanguage('zh-CN');
    const bridge = renderScreen({
      'crisis.board': () => ({ rows: [] }) as never,
      'training.list': () => ({ rows: [] }) as never,
      'crisis.open': () => fail('CONFLICT', { reason: 'storeBusy' }),
    });
    await screen.findByText('0', { selector: '[data-testid="board"]' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '新建危机事件' }));
    await user.type(screen.getByLabelText('经过'), '宿舍发现');
    await user.click(screen.getByRole('button', { name: /确\s*定/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/storeBusy|CONFLICT/);
    expect(alert.textContent?.length).toBeGreaterThan(2);
    expect(screen.queryByRole('dialog')).not.toBeNull();
    expect(bridge.callsTo('crisis.board').length).toBe(1);
  });
});
