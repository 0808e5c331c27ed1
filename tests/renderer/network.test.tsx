import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, NetworkPerson } from '../../src-shared/contract';
import { installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';

const DIRECTOR = session();
const YEAR = '2026-2027';

function person(overrides: Partial<NetworkPerson>): NetworkPerson {
  return {
    id: 'p-1',
    schoolYear: YEAR,
    level: 'working',
    role: 'security_staff',
    name: '保卫处值班室',
    office: '保卫处',
    phone: '0000-110',
    department: null,
    grade: null,
    className: null,
    studentId: null,
    studentNo: null,
    accountId: null,
    accountName: null,
    termFrom: null,
    termTo: null,
    note: null,
    retiredAt: null,
    label: '保卫处 保卫处人员 保卫处值班室',
    createdAt: '2026-09-01T00:00:00.000Z',
    updatedAt: '2026-09-01T00:00:00.000Z',
    ...overrides,
  };
}

const PREVIEW: ChannelOutput<'network.preview'> = {
  rows: 5,
  created: 3,
  updated: 1,
  unchanged: 0,
  rejected: [{ row: 5, reason: 'unknownStudent', field: 'studentNo', value: '2099999999' }],
  headers: ['学年', '角色', '姓名', '学号'],
  missingColumns: [],
};

function openNetwork(extra: Handlers = {}) {
  window.location.hash = '#/network';
  let people = [person({})];
  const fake = installFakeBridge({
    'app.status': () => status.signedIn(DIRECTOR),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'network.years': () => ({ current: YEAR, years: [YEAR] }),
    'network.people': () => ({ schoolYear: YEAR, rows: people }),
    'network.accounts': () => ({ rows: [] }),
    'network.preview': () => PREVIEW,
    'network.import': () => {
      people = [
        ...people,
        person({
          id: 'p-2',
          level: 'class',
          role: 'peer_counselor',
          name: '测试学生甲',
          studentNo: '2026000001',
          department: '文学院',
          className: '文学1班',
          office: null,
          phone: null,
        }),
      ];
      return { rows: 5, created: 3, updated: 1, unchanged: 0, rejected: PREVIEW.rejected };
    },
    ...extra,
  });
  return fake;
}

function fileInput(): HTMLInputElement {
  return document.querySelector('.ant-modal input[type="file"]') as HTMLInputElement;
}

describe('work network register', () => {
  it('checks the file first (counts, rejected rows with reasons in words), imports only on confirmation, and shows the new people', async () => {
    const fake = openNetwork();
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByRole('heading', { name: '工作网络' })).toBeTruthy();
    expect(await screen.findByText('保卫处值班室')).toBeTruthy();
    expect(screen.getByText('保卫处人员')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /导\s*入/ }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(fileInput(), new File(['x'], '工作网络.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
    expect(await within(dialog).findByText('共 5 行：新增 3，更新 1，不变 0，拒绝 1')).toBeTruthy();
    expect(within(dialog).getByText('花名册中没有这个学号')).toBeTruthy();
    expect(within(dialog).getByText('2099999999')).toBeTruthy();
    expect(within(dialog).getByText('学号')).toBeTruthy();
    // Nothing is written by the check.
    expect(fake.callsTo('network.import')).toHaveLength(0);
    expect((fake.callsTo('network.preview')[0] as { fileName: string }).fileName).toBe('工作网络.xlsx');

    await user.click(within(dialog).getByRole('button', { name: '导入 4 行' }));
    expect(await within(dialog).findByText('导入完成：新增 3，更新 1，不变 0，拒绝 1')).toBeTruthy();
    expect(fake.callsTo('network.import')).toHaveLength(1);
    await user.click(
      within(dialog)
        .getAllByRole('button', { name: /关\s*闭/ })
        .find((b) => b.classList.contains('ant-btn-primary'))!,
    );
    expect(await screen.findByText('测试学生甲')).toBeTruthy();
  }, 30_000);

  it('refuses a file without the required columns before anything can be imported, in English too', async () => {
    openNetwork({ 'network.preview': () => ({ ...PREVIEW, created: 0, updated: 0, rejected: [], missingColumns: ['学年'] }) });
    const user = userEvent.setup({ delay: null });
    await renderApp('en');
    expect(await screen.findByRole('heading', { name: 'Work network' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Import/ }));
    const dialog = await screen.findByRole('dialog');
    await user.upload(fileInput(), new File(['x'], 'network.xlsx'));
    expect(await within(dialog).findByText('The file lacks required columns: 学年')).toBeTruthy();
    await waitFor(() => expect((within(dialog).getByRole('button', { name: 'Nothing to import' }) as HTMLButtonElement).disabled).toBe(true));
  }, 30_000);
});
