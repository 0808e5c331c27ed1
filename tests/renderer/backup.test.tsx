import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

type Run = ChannelOutput<'backup.list'>[number];
type Verification = ChannelOutput<'backup.verify'>;

const RUN: Run = {
  id: 'r1',
  fileName: 'counsel-backup-测试学院-20260901-123000.cbk',
  folder: '/media/usb/备份',
  file: '/media/usb/备份/counsel-backup-测试学院-20260901-123000.cbk',
  bytes: 2 * 1024 * 1024,
  sha256: 'a'.repeat(64),
  trigger: 'scheduled',
  createdBy: null,
  createdAt: '2026-09-01T04:30:00.000Z',
  present: true,
};

const OK: Verification = {
  ok: true,
  file: RUN.file,
  bytes: RUN.bytes,
  sha256: RUN.sha256,
  problem: null,
  manifest: { version: 1, appVersion: '0.1.0', schemaVersion: 9, workstationId: 'ws-1', databaseId: 'db-1', schoolName: '测试学院', createdAt: RUN.createdAt },
  parts: [
    { name: 'keyring', bytes: 2000, sha256: 'b'.repeat(64), ok: true, problem: null },
    { name: 'database', bytes: RUN.bytes - 2000, sha256: 'c'.repeat(64), ok: true, problem: null },
  ],
  sealed: true,
  authenticity: 'notChecked',
  integrity: 'notChecked',
  auditChain: 'notChecked',
  auditEventsChecked: null,
  notChecked: ['authenticity', 'integrity', 'auditChain'],
};

function signedIn(extra: Handlers) {
  const runs: Run[] = [RUN];
  return installFakeBridge({
    'app.status': () => status.signedIn(session()),
    'backup.list': () => [...runs],
    'backup.schedule': () => ({ folder: null, keep: 7, dailyAt: null, lastScheduledAt: null }),
    'backup.create': ({ folder }) => {
      const run: Run = {
        ...RUN,
        id: 'r2',
        trigger: 'manual',
        folder,
        fileName: 'counsel-backup-测试学院-20260902-090000.cbk',
        file: `${folder}/counsel-backup-测试学院-20260902-090000.cbk`,
        createdBy: { id: 'acc-1', displayName: '张老师' },
        createdAt: '2026-09-02T01:00:00.000Z',
      };
      runs.unshift(run);
      return run;
    },
    ...extra,
  });
}

async function openBackup() {
  window.location.hash = '#/backup';
  const user = userEvent.setup({ delay: null });
  await renderApp();
  expect(await screen.findByRole('heading', { name: '备份与恢复' })).toBeTruthy();
  return user;
}

describe('backup screen', () => {
  it('backs up now into a typed folder, shows it in the history, and verifies a file from the history', async () => {
    const fake = signedIn({ 'backup.verify': () => OK });
    const user = await openBackup();
    expect(await screen.findByText(RUN.file)).toBeTruthy();
    expect(screen.getByText('自动')).toBeTruthy();

    await fill(user, screen.getByLabelText('备份到文件夹'), '/home/it/备份');
    await user.click(screen.getByRole('button', { name: '立即备份' }));
    expect(await screen.findByText(/备份完成：\/home\/it\/备份\/counsel-backup-测试学院-20260902-090000\.cbk（2\.0 MB）/)).toBeTruthy();
    expect(fake.callsTo('backup.create')).toEqual([{ folder: '/home/it/备份', jobId: expect.any(String) }]);
    // The history is read again and shows the new manual backup by its maker.
    const newRow = (await screen.findByText('/home/it/备份/counsel-backup-测试学院-20260902-090000.cbk')).closest('tr')!;
    expect(within(newRow).getByText('张老师')).toBeTruthy();
    expect(within(newRow).getByText('手动')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: `校验 ${RUN.fileName}` }));
    const result = await screen.findByTestId('backup-verify-result');
    expect(within(result).getByText('备份完好，可以用于恢复。')).toBeTruthy();
    expect(within(result).getByText('加密数据库 · 2.0 MB')).toBeTruthy();
    expect(fake.callsTo('backup.verify')).toEqual([{ path: RUN.file }]);
  });

  it('shows the backup progress and 取消 stops it through jobs.cancel, leaving no backup behind', async () => {
    let stop: () => void = () => undefined;
    const fake = signedIn({
      'backup.create': (input) =>
        new Promise((resolve) => {
          fake.emit('job.progress', { jobId: input.jobId, phase: 'write', done: 1024 * 1024, total: 4 * 1024 * 1024 });
          stop = () => resolve(fail('CANCELLED'));
        }),
      'jobs.cancel': () => {
        stop();
        return { cancelled: true };
      },
    });
    const user = await openBackup();
    await fill(user, screen.getByLabelText('备份到文件夹'), '/home/it/备份');
    await user.click(screen.getByRole('button', { name: '立即备份' }));
    expect(await screen.findByText('正在写入备份文件 1.0 MB / 4.0 MB')).toBeTruthy();
    expect(screen.getByRole('progressbar')).toBeTruthy();
    const { jobId } = fake.callsTo('backup.create')[0] as { jobId: string };
    expect(jobId).toEqual(expect.any(String));
    await user.click(screen.getByRole('button', { name: '取消' }));
    await waitFor(() => expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId }]));
    expect(await screen.findByText('已取消备份，没有留下备份文件。')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText(/备份完成/)).toBeNull();
  });

  it('says that authenticity was not checked without the recovery code, and checks it (deep) when the code is typed', async () => {
    const forged: Verification = { ...OK, ok: false, authenticity: 'forged', integrity: 'ok', auditChain: 'intact', auditEventsChecked: 40, notChecked: [] };
    const fake = signedIn({ 'backup.verify': (input) => ((input as { credentials?: unknown }).credentials ? forged : OK) });
    const user = await openBackup();
    await fill(user, screen.getByLabelText('备份文件路径'), '/tmp/x.cbk');
    await user.click(screen.getByRole('button', { name: '校验备份' }));
    let result = await screen.findByTestId('backup-verify-result');
    expect(within(result).getByText('未核验真实性：没有输入恢复密钥，只检查了文件是否完整，无法确认备份制作后未被他人改动。')).toBeTruthy();

    await fill(user, screen.getByLabelText('恢复密钥（可选，用于核验真实性）'), 'ABCD-EFGH');
    await user.click(screen.getByRole('button', { name: '校验备份' }));
    await waitFor(() => expect(fake.callsTo('backup.verify')).toHaveLength(2));
    expect(fake.callsTo('backup.verify')[1]).toEqual({ path: '/tmp/x.cbk', credentials: { kind: 'recoveryCode', recoveryCode: 'ABCD-EFGH' } });
    result = await screen.findByTestId('backup-verify-result');
    expect(await within(result).findByText('备份在制作后被改动过（防篡改封印不符），不能用于恢复。')).toBeTruthy();
    expect(within(result).getByText('备份已损坏或不是本程序的备份文件，不能用于恢复。')).toBeTruthy();
  });

  it('an old backup without a seal is shown as not authenticated, not as damaged', async () => {
    signedIn({ 'backup.verify': () => ({ ...OK, sealed: false, authenticity: 'unsealed' }) });
    const user = await openBackup();
    await fill(user, screen.getByLabelText('备份文件路径'), '/tmp/old.cbk');
    await user.click(screen.getByRole('button', { name: '校验备份' }));
    const result = await screen.findByTestId('backup-verify-result');
    expect(within(result).getByText('备份完好，可以用于恢复。')).toBeTruthy();
    expect(within(result).getByText('这份备份由旧版本制作，没有防篡改封印，无法核验真实性。')).toBeTruthy();
  });

  it('names the failing part of a damaged backup and translates a missing folder', async () => {
    const damaged: Verification = {
      ...OK,
      ok: false,
      problem: 'checksumMismatch',
      parts: [OK.parts[0]!, { ...OK.parts[1]!, ok: false, problem: 'checksumMismatch' }],
    };
    signedIn({ 'backup.verify': () => damaged, 'backup.create': () => fail('VALIDATION', { reason: 'backupFolderMissing' }) });
    const user = await openBackup();
    await fill(user, screen.getByLabelText('备份文件路径'), '/tmp/x.cbk');
    await user.click(screen.getByRole('button', { name: '校验备份' }));
    const result = await screen.findByTestId('backup-verify-result');
    expect(within(result).getByText('备份已损坏或不是本程序的备份文件，不能用于恢复。')).toBeTruthy();
    expect(within(result).getAllByText('校验值不符：文件已被改动或损坏。').length).toBe(2);

    await fill(user, screen.getByLabelText('备份到文件夹'), 'Z:\\不存在');
    await user.click(screen.getByRole('button', { name: '立即备份' }));
    expect(await screen.findByText('找不到这个文件夹，请确认路径正确、U 盘已插好。')).toBeTruthy();
  });

  it('saves the automatic daily backup and refuses a malformed time', async () => {
    const fake = signedIn({ 'backup.saveSchedule': (input) => ({ ...input, lastScheduledAt: null }) });
    const user = await openBackup();
    expect(await screen.findByText('尚未进行过自动备份。')).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: '每天自动备份' }));
    const folder = screen.getByLabelText('自动备份文件夹') as HTMLInputElement;
    await waitFor(() => expect(folder.disabled).toBe(false));
    await fill(user, folder, '/media/usb/备份');
    const time = screen.getByLabelText('每天备份时间');
    await user.clear(time);
    await fill(user, time, '25:00');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('请按 24 小时制填写时间，例如 12:30。')).toBeTruthy();
    expect(fake.callsTo('backup.saveSchedule')).toHaveLength(0);

    await user.clear(time);
    await fill(user, time, '21:15');
    const keep = screen.getByLabelText('保留份数');
    await user.clear(keep);
    await fill(user, keep, '3');
    await user.click(screen.getByRole('button', { name: '保存设置' }));
    expect(await screen.findByText('自动备份设置已保存。')).toBeTruthy();
    expect(fake.callsTo('backup.saveSchedule')).toEqual([{ folder: '/media/usb/备份', dailyAt: '21:15', keep: 3 }]);
  });
});

describe('restore from a backup on the first-run screen', () => {
  it('sends the chosen file and the recovery key, then leads to the lock screen', async () => {
    const fake = installFakeBridge({
      'app.status': status.uninitialized,
      'backup.restore': (input) =>
        input.credentials.kind === 'recoveryCode' && input.credentials.recoveryCode === 'GOOD-CODE'
          ? { schoolName: '测试学院', createdAt: '2026-09-01T04:30:00.000Z', username: null, auditEventsChecked: 42, authenticated: true }
          : fail('UNAUTHENTICATED', { reason: 'backupWrongRecoveryCode' }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '从备份恢复' }));
    expect(await screen.findByText(/只能恢复到尚未设置过的工作站/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '开始恢复' }));
    expect(await screen.findByText('请先选择备份文件。')).toBeTruthy();

    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(input, new File([new Uint8Array([1, 2, 3, 4])], 'counsel-backup-测试学院.cbk'));
    expect(await screen.findByText(/已选择：counsel-backup-测试学院\.cbk/)).toBeTruthy();
    await fill(user, screen.getByLabelText('恢复密钥'), 'WRONG-CODE');
    await user.click(screen.getByRole('button', { name: '开始恢复' }));
    expect(await screen.findByText('恢复密钥不正确，无法打开这个备份。')).toBeTruthy();

    const code = screen.getByLabelText('恢复密钥');
    await user.clear(code);
    await fill(user, code, 'GOOD-CODE');
    await user.click(screen.getByRole('button', { name: '开始恢复' }));
    expect(await screen.findByText('恢复完成')).toBeTruthy();
    expect(screen.queryByText(/没有防篡改封印/)).toBeNull();
    const calls = fake.callsTo('backup.restore') as { source: { fileName: string; contentBase64: string } }[];
    expect(calls.at(-1)!.source).toEqual({ fileName: 'counsel-backup-测试学院.cbk', contentBase64: 'AQIDBA==' });

    fake.handlers['app.status'] = status.locked;
    await user.click(screen.getByRole('button', { name: '去登录' }));
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
  });

  it('can use an account password of the backup instead', async () => {
    const fake = installFakeBridge({
      'app.status': status.uninitialized,
      'backup.restore': () => ({
        schoolName: '测试学院',
        createdAt: '2026-09-01T04:30:00.000Z',
        username: 'wang.zx',
        auditEventsChecked: 42,
        authenticated: false,
      }),
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await user.click(await screen.findByRole('button', { name: '从备份恢复' }));
    await user.upload(document.querySelector('input[type="file"]') as HTMLInputElement, new File(['x'], 'b.cbk'));
    await user.click(screen.getByRole('radio', { name: '该备份中的账号和密码' }));
    await fill(user, await screen.findByLabelText('用户名'), 'wang.zx');
    await fill(user, screen.getByLabelText('密码'), 'own password 22');
    await user.click(screen.getByRole('button', { name: '开始恢复' }));
    expect(await screen.findByText('恢复完成')).toBeTruthy();
    // A backup made before seals: restored after every other check, and the screen says what could not be checked.
    expect(
      screen.getByText('这份备份由旧版本制作，没有防篡改封印：其余检查（校验值、数据库完整性、审计记录）均已通过，但无法确认备份制作后未被改动。'),
    ).toBeTruthy();
    expect((fake.callsTo('backup.restore')[0] as { credentials: unknown }).credentials).toEqual({
      kind: 'password',
      username: 'wang.zx',
      password: 'own password 22',
    });
    fake.handlers['app.status'] = status.locked;
    await user.click(screen.getByRole('button', { name: '去登录' }));
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('用户名') as HTMLInputElement).value).toBe('wang.zx'));
  });
});
