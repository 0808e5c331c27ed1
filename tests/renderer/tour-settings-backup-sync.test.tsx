import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { DEFAULT_CRISIS_LEVELS } from '../../src-shared/contract/crisis';
import { countNote } from '../../src-renderer/components/sync/ExportHistory';
import { pemFingerprint } from '../../src-renderer/components/sync/ServerKeyImport';
import i18n from '../../src-renderer/i18n';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

/** Issue 16 (settings, layout and words): settings, backup and export pages as the tour found them. */

configure({ asyncUtilTimeout: 8000 });

const ADMIN = session();
const DIRECTOR = session({ accountId: 'acc-9', username: 'li.zhuren', displayName: '李主任', roles: ['director'] });
const RECIPIENT = 'age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p';
// A real Ed25519 SPKI key (synthetic), as `school-server keys` prints it.
const SERVER_PEM = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n';
const WORKSTATION = {
  workstationId: 'ws-0001',
  publicKeyPem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAtestkeytestkeytestkeytestkeytestkey=\n-----END PUBLIC KEY-----\n',
  fingerprint: 'ab12'.repeat(16),
  fileName: 'ws-0001.pem',
};
type Template = ChannelOutput<'crisis.templates'>[number];
type Bundle = ChannelOutput<'sync.history'>['bundles'][number];

function base(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    ...extra,
  });
}

afterEach(() => {
  window.location.hash = '';
  delete (window.counsel as { chooseFolder?: unknown }).chooseFolder;
});

describe('settings: crisis levels and template', () => {
  const template: Template = {
    id: 'tpl-1',
    version: 1,
    name: '默认危机干预流程',
    definition: { steps: [{ key: 'step_2', title: '发现', ownerRole: 'counselor', dueMinutes: 0, levels: [] }] },
    createdBy: null,
    createdAt: '2026-09-01T08:00:00.000Z',
  };

  it('names level colours in words (红/橙/黄, red/orange/yellow), never the key or a code', async () => {
    base(DIRECTOR, { 'crisis.levels': () => DEFAULT_CRISIS_LEVELS, 'crisis.templates': () => [template] });
    window.location.hash = '#/settings';
    await renderApp();
    const levels = await screen.findByTestId('crisis-levels-settings');
    const shown = [...levels.querySelectorAll('.ant-select-content, .ant-select-selection-item')].map((n) => n.textContent).filter(Boolean);
    expect(shown).toEqual(expect.arrayContaining(['红', '橙', '黄']));
    expect(levels.textContent).not.toMatch(/\bred\b|\borange\b|\bgold\b|#[0-9a-f]{3,6}/i);
  });

  it('in English: red, orange, yellow', async () => {
    base(DIRECTOR, { 'crisis.levels': () => DEFAULT_CRISIS_LEVELS, 'crisis.templates': () => [template] });
    window.location.hash = '#/settings';
    await renderApp('en');
    const levels = await screen.findByTestId('crisis-levels-settings');
    expect(levels.textContent).toContain('red');
    expect(levels.textContent).toContain('yellow');
    expect(levels.textContent).not.toMatch(/\bgold\b/);
  });

  it('shows template steps by title without key text boxes, and a new step gets a key that is not taken', async () => {
    const fake = base(DIRECTOR, {
      'crisis.levels': () => DEFAULT_CRISIS_LEVELS,
      'crisis.templates': () => [template],
      'crisis.saveTemplate': ({ definition }) => ({ ...template, id: 'tpl-2', version: 2, definition }),
    });
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/settings';
    await renderApp();
    const card = within(await screen.findByTestId('crisis-template-settings'));
    expect(card.queryAllByLabelText('代码')).toHaveLength(0);
    expect((card.getByLabelText('步骤') as HTMLTextAreaElement).value).toBe('发现');
    await user.click(card.getByRole('button', { name: /添加步骤/ }));
    await user.click(card.getAllByLabelText('步骤')[1]);
    await user.paste('个案研讨（合成）');
    await user.click(card.getByRole('button', { name: '保存为新版本' }));
    await waitFor(() => expect(fake.callsTo('crisis.saveTemplate')).toHaveLength(1));
    const saved = (fake.callsTo('crisis.saveTemplate')[0] as ChannelInput<'crisis.saveTemplate'>).definition.steps;
    // step_2 is taken by the existing step: the new one gets step_3.
    expect(saved.map((s) => s.key)).toEqual(['step_2', 'step_3']);
  });
});

describe('backup page', () => {
  const backup = (extra: Handlers = {}) =>
    base(ADMIN, {
      'backup.list': () => [],
      'backup.schedule': () => ({ folder: null, keep: 7, dailyAt: null, lastScheduledAt: null }),
      ...extra,
    });

  it('in the browser shell (no folder dialog): a typed path, no picker button, no "later" note, and says where restore is', async () => {
    backup();
    window.location.hash = '#/backup';
    await renderApp();
    await screen.findByText('立即备份', { selector: '.ant-card-head-title' });
    expect(screen.queryByTestId('choose-folder')).toBeNull();
    expect(screen.getByLabelText('备份到文件夹')).toBeTruthy();
    expect(document.body.textContent).not.toContain('以后');
    const restore = screen.getByTestId('backup-restore-where');
    expect(restore.textContent).toContain('首次设置');
    expect(restore.textContent).toContain('counsel backup restore');
  });

  it('in the desktop app: 选择文件夹… fills the field from the folder dialog, and the backup goes there', async () => {
    const fake = backup({ 'backup.create': ({ folder }) => ({ file: `${folder}/b.cbk`, bytes: 10, sha256: 'a'.repeat(64), runId: 'r1' }) as never });
    const chooseFolder = vi.fn(async () => '/media/usb/心理中心备份');
    (window.counsel as { chooseFolder?: unknown }).chooseFolder = chooseFolder;
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/backup';
    await renderApp();
    const buttons = await screen.findAllByTestId('choose-folder');
    // Back up now and the daily schedule both offer it.
    expect(buttons).toHaveLength(2);
    await user.click(buttons[0]);
    await waitFor(() => expect((screen.getByLabelText('备份到文件夹') as HTMLInputElement).value).toBe('/media/usb/心理中心备份'));
    expect(chooseFolder).toHaveBeenCalledWith({ title: '备份到文件夹', defaultPath: undefined });
    await user.click(screen.getAllByRole('button', { name: '立即备份' })[0]);
    await waitFor(() => expect(fake.callsTo('backup.create')).toHaveLength(1));
    expect(fake.callsTo('backup.create')[0]).toMatchObject({ folder: '/media/usb/心理中心备份' });
  });
});

describe('export settings', () => {
  function sync(s: SessionInfo, history: Bundle[] = []) {
    let config: ChannelInput<'sync.configure'> = {
      serverRecipient: null,
      serverSigningKeyPem: null,
      folder: null,
      url: null,
      profiles: ['full'],
      schedule: { kind: 'manual', at: null },
    };
    return base(s, {
      'sync.getConfig': () => ({ ...config, workstation: WORKSTATION }),
      'sync.configure': (input) => (config = input),
      'sync.workstationKey': () => WORKSTATION,
      'sync.history': () => ({ bundles: history, updates: [] }),
      'sync.status': () => ({
        configured: false,
        schedule: config.schedule,
        lastAcknowledgedAt: null,
        msSinceAcknowledged: null,
        lastSentAt: null,
        waiting: 0,
      }),
    });
  }

  it('tells the administrator what to do, not to ask an administrator; others are told whom to ask', async () => {
    sync(ADMIN);
    window.location.hash = '#/sync';
    const { unmount } = await renderApp();
    const run = await screen.findByTestId('sync-run-card');
    expect(run.textContent).toContain('导入服务器密钥文件');
    expect(document.body.textContent).not.toContain('系统管理员');
    unmount();

    sync(DIRECTOR);
    await renderApp();
    expect((await screen.findByTestId('sync-run-card')).textContent).toContain('请先由系统管理员设置');
  });

  it('connects by importing the key file `school-server keys` wrote, then saves both keys', async () => {
    const fake = sync(ADMIN);
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/sync';
    await renderApp();
    const server = await screen.findByTestId('sync-server-card');
    const fingerprint = await pemFingerprint(SERVER_PEM);
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const printed = `age recipient (server key for the workstations' settings):\n${RECIPIENT}\n\nsigning public key (fingerprint ${fingerprint}):\n${SERVER_PEM}`;
    const input = within(server).getByTestId('sync-server-keys').querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File([printed], 'school-server-keys.txt', { type: 'text/plain' }));
    expect(await within(server).findByText(/已读取密钥文件“school-server-keys.txt”/)).toBeTruthy();
    // The fingerprint is digested after the file is read (crypto.subtle): it may show a moment after the success text.
    expect((await within(server).findByTestId('sync-server-fingerprint')).textContent).toBe(fingerprint!.match(/.{4}/g)!.join(' '));
    await fill(user, within(server).getByLabelText('导出文件夹'), '/media/usb/导出');
    await user.click(within(server).getByRole('button', { name: '保存设置' }));
    await waitFor(() => expect(fake.callsTo('sync.configure')).toHaveLength(1));
    expect(fake.callsTo('sync.configure')[0]).toMatchObject({ serverRecipient: RECIPIENT, serverSigningKeyPem: SERVER_PEM.trim(), folder: '/media/usb/导出' });
  });

  it('refuses a secret key file and a file whose printed fingerprint is not its key, and saves nothing', async () => {
    const fake = sync(ADMIN);
    const user = userEvent.setup({ delay: null });
    window.location.hash = '#/sync';
    await renderApp();
    const server = await screen.findByTestId('sync-server-card');
    const input = () => within(server).getByTestId('sync-server-keys').querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input(), new File([`# public key: ${RECIPIENT}\nAGE-SECRET-KEY-1QQQQ\n`], 'key.txt', { type: 'text/plain' }));
    expect((await within(server).findByRole('alert')).textContent).toContain('含有私钥');
    await user.upload(input(), new File([`${RECIPIENT}\nfingerprint ${'0'.repeat(64)}\n${SERVER_PEM}`], 'keys.txt', { type: 'text/plain' }));
    expect((await within(server).findByRole('alert')).textContent).toContain('指纹');
    expect(within(server).queryByText(/已读取密钥文件/)).toBeNull();
    expect(fake.callsTo('sync.configure')).toHaveLength(0);
  });

  it('shows a range with how many changes it covers, and why fewer were exported', async () => {
    const bundle: Bundle = {
      bundleId: 'b-2',
      profile: 'full',
      fromSeq: 58,
      toSeq: 120,
      eventCount: 60,
      rangeRecords: 63,
      bytes: 1000,
      destination: '/media/usb',
      status: 'sent',
      destinationKind: 'folder',
      error: null,
      createdAt: '2026-09-02T08:00:00.000Z',
      sentAt: '2026-09-02T08:00:01.000Z',
      acknowledgedAt: null,
      fileName: 'ws-0001-full-000000000058-000000000120',
    };
    sync(ADMIN, [bundle]);
    window.location.hash = '#/sync';
    await renderApp();
    const history = await screen.findByTestId('sync-history-card');
    expect(await within(history).findByText('58 – 120')).toBeTruthy();
    expect(within(history).getByText('共 63 条变更')).toBeTruthy();
    expect(within(history).getByText(/其余 3 条是本机内部记录/)).toBeTruthy();
    const t = i18n.t.bind(i18n);
    expect(countNote({ profile: 'full', eventCount: 5, rangeRecords: 5 }, t)).toBeNull();
    expect(countNote({ profile: 'statistics', eventCount: 1, rangeRecords: 40 }, t)).toContain('40');
  });
});
