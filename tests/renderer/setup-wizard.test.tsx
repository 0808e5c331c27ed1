import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { installFakeBridge, status } from './fake-bridge';
import { fill, renderApp } from './render-app';

const CODE = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ';
const GROUPS = CODE.split('-');

async function fillSchoolAndAdmin(user: ReturnType<typeof userEvent.setup>, password: string, confirm: string) {
  await fill(user, await screen.findByLabelText('学校名称'), '测试学院');
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await fill(user, await screen.findByLabelText('用户名'), 'zhang.admin');
  await fill(user, screen.getByLabelText('姓名'), '张老师');
  await fill(user, screen.getByLabelText('密码'), password);
  await fill(user, screen.getByLabelText('再次输入密码'), confirm);
  await user.click(screen.getByRole('button', { name: '创建工作站' }));
}

describe('setup wizard', () => {
  it('refuses a short password and a mismatch with translated errors, and does not call the core', async () => {
    const fake = installFakeBridge({ 'app.status': status.uninitialized, 'setup.initialize': () => ({ recoveryCode: CODE }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await fillSchoolAndAdmin(user, 'short', 'shorter');
    expect(await screen.findByText('密码至少需要 10 个字符。')).toBeTruthy();
    expect(await screen.findByText('两次输入的密码不一致。')).toBeTruthy();
    expect(fake.callsTo('setup.initialize')).toHaveLength(0);

    const password = screen.getByLabelText('密码');
    await user.clear(password);
    await fill(user, password, 'long enough password');
    expect(await screen.findByText('两次输入的密码不一致。')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('密码至少需要 10 个字符。')).toBeNull());
  });

  it('rejects a username with characters the contract does not allow', async () => {
    installFakeBridge({ 'app.status': status.uninitialized });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await fill(user, await screen.findByLabelText('学校名称'), '测试学院');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await fill(user, await screen.findByLabelText('用户名'), '张 老师');
    await user.click(screen.getByRole('button', { name: '创建工作站' }));
    expect(await screen.findByText('用户名只能包含英文字母、数字、点、下划线和连字符。')).toBeTruthy();
  });

  it('creates the workstation, shows the recovery key once, and refuses wrong groups before the lock screen', async () => {
    const fake = installFakeBridge({ 'app.status': status.uninitialized, 'setup.initialize': () => ({ recoveryCode: CODE }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await fillSchoolAndAdmin(user, 'correct horse battery', 'correct horse battery');

    // The recovery sheet, with every group.
    const sheet = await screen.findByRole('region', { name: '恢复密钥' });
    for (const group of GROUPS) expect(within(sheet).getByText(group)).toBeTruthy();
    expect(screen.getByRole('button', { name: /打印/ })).toBeTruthy();
    expect(fake.callsTo('setup.initialize')).toEqual([
      // The suggested workstation name is kept when nobody changes it.
      {
        schoolName: '测试学院',
        workstationName: '1号工作站',
        admin: { username: 'zhang.admin', displayName: '张老师', password: 'correct horse battery' },
        adminIsDirector: true,
      },
    ]);

    await user.click(screen.getByRole('button', { name: '我已妥善保存，下一步' }));
    const intro = await screen.findByText(/请输入其中的第 \d 组和第 \d 组/);
    const [, first, second] = intro.textContent!.match(/第 (\d) 组和第 (\d) 组/)!.map(Number);
    expect(first).toBeLessThan(second);

    // Wrong: the groups swapped.
    await fill(user, screen.getByLabelText(`第 ${first} 组`), GROUPS[second - 1]);
    await fill(user, screen.getByLabelText(`第 ${second} 组`), GROUPS[first - 1]);
    await user.click(screen.getByRole('button', { name: '完成设置' }));
    expect(await screen.findByText('输入的字符与恢复密钥不符，请对照您保存的恢复密钥重新输入。')).toBeTruthy();
    expect(screen.queryByText('工作站已锁定')).toBeNull();

    // Right, typed loosely (lower case, O for 0) the way the core also accepts.
    await user.clear(screen.getByLabelText(`第 ${first} 组`));
    await user.clear(screen.getByLabelText(`第 ${second} 组`));
    const loose = (group: string) => group.toLowerCase().replace(/0/g, 'o');
    await fill(user, screen.getByLabelText(`第 ${first} 组`), loose(GROUPS[first - 1]));
    await fill(user, screen.getByLabelText(`第 ${second} 组`), loose(GROUPS[second - 1]));
    await user.click(screen.getByRole('button', { name: '完成设置' }));
    expect(await screen.findByText('工作站已锁定')).toBeTruthy();
    expect(screen.getByText('设置完成，请用刚才创建的管理员账号登录。')).toBeTruthy();
    await waitFor(() => expect((screen.getByLabelText('用户名') as HTMLInputElement).value).toBe('zhang.admin'));
    // The code is gone from the page.
    expect(document.body.textContent).not.toContain(GROUPS[0]);
  });

  it('sends adminIsDirector false when the box is unticked', async () => {
    const fake = installFakeBridge({ 'app.status': status.uninitialized, 'setup.initialize': () => ({ recoveryCode: CODE }) });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await fill(user, await screen.findByLabelText('学校名称'), '测试学院');
    await user.click(screen.getByRole('button', { name: '下一步' }));
    await user.click(await screen.findByRole('checkbox', { name: '同时担任中心主任' }));
    await fill(user, screen.getByLabelText('用户名'), 'li.admin');
    await fill(user, screen.getByLabelText('姓名'), '李老师');
    await fill(user, screen.getByLabelText('密码'), 'correct horse battery');
    await fill(user, screen.getByLabelText('再次输入密码'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: '创建工作站' }));
    await screen.findByRole('region', { name: '恢复密钥' });
    expect(fake.callsTo('setup.initialize')[0]).toMatchObject({ adminIsDirector: false });
  });

  it('the workstation name is optional: a typed name is sent, an emptied field sends none', async () => {
    for (const [typed, sent] of [
      ['心理中心前台', '心理中心前台'],
      ['', undefined],
    ] as const) {
      const fake = installFakeBridge({ 'app.status': status.uninitialized, 'setup.initialize': () => ({ recoveryCode: CODE }) });
      const user = userEvent.setup({ delay: null });
      const { unmount } = await renderApp();
      const name = await screen.findByLabelText('工作站名称');
      expect((name as HTMLInputElement).value).toBe('1号工作站');
      await user.clear(name);
      if (typed) await user.type(name, typed);
      await fillSchoolAndAdmin(user, 'correct horse battery', 'correct horse battery');
      await screen.findByRole('region', { name: '恢复密钥' });
      expect((fake.callsTo('setup.initialize')[0] as { workstationName?: string }).workstationName).toBe(sent);
      unmount();
    }
  });
});
