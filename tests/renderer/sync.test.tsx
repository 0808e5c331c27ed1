import { act, configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type FakeBridge } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const ADMIN = session();
const DIRECTOR = session({ accountId: 'acc-9', username: 'li.zhuren', displayName: '李主任', roles: ['director'] });
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
const WORKSTATION = {
  workstationId: 'ws-0001',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtestkeytestkeytestkeytestkeytestkey=\n-----END PUBLIC KEY-----\n',
  fingerprint: 'ab12'.repeat(16),
  fileName: 'ws-0001.pem',
};

type Config = ChannelInput<'sync.configure'>;
type Bundle = ChannelOutput<'sync.history'>['bundles'][number];

/** The sync channels over a little state, so a save, an export and a receipt show up on screen. */
function fakeWorkstation(s: SessionInfo, config: Partial<Config> = {}) {
  const state = {
    config: {
      serverRecipient: null,
      serverSigningKeyPem: null,
      folder: null,
      url: null,
      profiles: ['full'],
      schedule: { kind: 'manual', at: null },
      ...config,
    } as Config,
    bundles: [] as Bundle[],
    finishExport: null as null | (() => void),
  };
  let fake: FakeBridge;
  fake = installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'sync.getConfig': () => ({ ...state.config, workstation: WORKSTATION }),
    'sync.configure': (input) => (state.config = input),
    'sync.workstationKey': () => WORKSTATION,
    'sync.history': () => ({ bundles: state.bundles, updates: [] }),
    'sync.status': () => ({
      configured: true,
      schedule: state.config.schedule,
      lastAcknowledgedAt: '2026-09-01T08:00:00.000Z',
      msSinceAcknowledged: 3 * 24 * 3_600_000 + 5,
      lastSentAt: null,
      waiting: 2,
    }),
    'sync.exportNow': (input) =>
      new Promise((resolve) => {
        fake.emit('job.progress', { jobId: input.jobId, phase: 'read', done: 1200, total: 5000 });
        state.finishExport = () => {
          const bundle: Bundle = {
            bundleId: 'b-1',
            profile: 'full',
            fromSeq: 1,
            toSeq: 5000,
            eventCount: 4990,
            rangeRecords: 5000,
            bytes: 123456,
            destination: state.config.folder,
            status: 'sent',
            destinationKind: 'folder',
            error: null,
            createdAt: '2026-09-01T08:00:00.000Z',
            sentAt: '2026-09-01T08:00:01.000Z',
            acknowledgedAt: null,
            fileName: 'ws-0001-full-000000000001-000000005000',
          };
          state.bundles = [bundle];
          resolve({ bundles: [bundle], destinationAbsent: false, acknowledged: 0 });
        };
      }),
    'sync.importReceipt': () => {
      state.bundles = state.bundles.map((b) => ({ ...b, status: 'acknowledged', acknowledgedAt: '2026-09-01T09:00:00.000Z' }));
      return { acknowledged: state.bundles };
    },
  });
  return { fake, state };
}

describe('export to the school server', () => {
  it('an administrator sets the server and a folder, exports with progress, and a receipt marks it 已确认', async () => {
    const { fake, state } = fakeWorkstation(ADMIN);
    window.location.hash = '#/sync';
    const user = userEvent.setup({ delay: null });
    await renderApp();

    // The workstation's key is shown for the school IT.
    const keyCard = await screen.findByTestId('sync-key-card');
    expect(within(keyCard).getByTestId('sync-key-fingerprint').textContent).toBe('ab12 '.repeat(16).trim());
    expect(within(keyCard).getByText(/BEGIN PUBLIC KEY/)).toBeTruthy();

    const server = screen.getByTestId('sync-server-card');
    expect((screen.getByRole('button', { name: /立即导出/ }) as HTMLButtonElement).disabled).toBe(true);
    await fill(user, within(server).getByLabelText('服务器公钥（age）'), 'age1wrong');
    await user.click(within(server).getByRole('button', { name: '保存设置' }));
    expect(await within(server).findByText('请填写以 age1 开头的服务器公钥。')).toBeTruthy();
    expect(fake.callsTo('sync.configure')).toHaveLength(0);

    await user.clear(within(server).getByLabelText('服务器公钥（age）'));
    await fill(user, within(server).getByLabelText('服务器公钥（age）'), RECIPIENT);
    await fill(user, within(server).getByLabelText('导出文件夹'), '/media/usb/心理中心导出');
    await user.click(within(server).getByLabelText(/院系重点关注名单/));
    await user.click(within(server).getByLabelText('关闭程序时导出'));
    await user.click(within(server).getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(fake.callsTo('sync.configure')).toHaveLength(1));
    expect(fake.callsTo('sync.configure')[0]).toEqual({
      serverRecipient: RECIPIENT,
      serverSigningKeyPem: null,
      folder: '/media/usb/心理中心导出',
      url: null,
      profiles: ['full', 'departments'],
      schedule: { kind: 'onClose', at: null },
    });

    const exportButton = screen.getByRole('button', { name: /立即导出/ });
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    await user.click(exportButton);
    expect(await screen.findByText('读取待导出的记录 1,200 / 5,000')).toBeTruthy();
    expect(screen.getByRole('progressbar')).toBeTruthy();
    await act(async () => state.finishExport!());
    expect(await screen.findByText('已导出 1 个数据包。')).toBeTruthy();
    const history = screen.getByTestId('sync-history-card');
    expect(await within(history).findByText('已发送')).toBeTruthy();
    expect(within(history).getByText('1 – 5000')).toBeTruthy();
    expect(within(history).getByText('全量副本')).toBeTruthy();

    const receipts = screen.getByTestId('sync-receipts-card');
    const input = receipts.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File(['{"receipt":{},"signature":"x"}'], 'receipt-ws-0001-full-000000005000.json', { type: 'application/json' }));
    await waitFor(() => expect(fake.callsTo('sync.importReceipt')).toHaveLength(1));
    expect(fake.callsTo('sync.importReceipt')[0]).toMatchObject({
      fileName: 'receipt-ws-0001-full-000000005000.json',
      contentBase64: btoa('{"receipt":{},"signature":"x"}'),
    });
    expect(await within(history).findByText('已确认')).toBeTruthy();
    expect(await screen.findByText('已确认 1 个数据包。')).toBeTruthy();
  });

  it('a director exports but cannot change the settings; the workbench says how long since the last acknowledged export', async () => {
    fakeWorkstation(DIRECTOR, { serverRecipient: RECIPIENT, folder: '/media/usb' });
    window.location.hash = '#/sync';
    await renderApp();
    const server = await screen.findByTestId('sync-server-card');
    expect(within(server).getByText('只有系统管理员可以修改这些设置。')).toBeTruthy();
    expect(within(server).queryByRole('button', { name: '保存设置' })).toBeNull();
    await waitFor(() => expect((screen.getByRole('button', { name: /立即导出/ }) as HTMLButtonElement).disabled).toBe(false));

    window.location.hash = '#/';
    const card = await screen.findByTestId('sync-status-card');
    expect(within(card).getByText('距上次确认导出：3 天')).toBeTruthy();
    expect(within(card).getByText('2 个数据包等待发送或确认。')).toBeTruthy();
  });

  it('取消 next to the progress bar stops the export through jobs.cancel and says nothing is lost', async () => {
    let stop: () => void = () => undefined;
    const { fake } = fakeWorkstation(ADMIN, { serverRecipient: RECIPIENT, folder: '/media/usb' });
    fake.handlers['sync.exportNow'] = (input) =>
      new Promise((resolve) => {
        fake.emit('job.progress', { jobId: input.jobId, phase: 'send', done: 1, total: 3 });
        stop = () => resolve(fail('CANCELLED'));
      });
    fake.handlers['jobs.cancel'] = () => {
      stop();
      return { cancelled: true };
    };
    window.location.hash = '#/sync';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const exportButton = await screen.findByRole('button', { name: /立即导出/ });
    await waitFor(() => expect((exportButton as HTMLButtonElement).disabled).toBe(false));
    await user.click(exportButton);
    expect(await screen.findByText('发送数据包 1 / 3')).toBeTruthy();
    const { jobId } = fake.callsTo('sync.exportNow')[0] as { jobId: string };
    await user.click(within(screen.getByTestId('sync-run-card')).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId }]));
    expect(await screen.findByText('已取消导出。尚未发送的记录会在下次导出时一并发送，不会遗漏。')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText('操作已取消，没有做任何修改。')).toBeNull();
  });

  it('a counselor sees no export card on the workbench', async () => {
    const { fake } = fakeWorkstation(COUNSELOR);
    window.location.hash = '#/';
    await renderApp();
    expect(await screen.findByRole('heading', { name: /王老师/ })).toBeTruthy();
    expect(screen.queryByTestId('sync-status-card')).toBeNull();
    expect(fake.callsTo('sync.status')).toHaveLength(0);
  });
});
