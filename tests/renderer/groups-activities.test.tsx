import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

type Activity = ChannelOutput<'activities.get'>;
type Group = ChannelOutput<'groups.get'>;

const RECEPTION = session({ accountId: 'acc-3', username: 'li.jiedai', displayName: '李接待', roles: ['reception'] });
const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });

const ACTIVITY: Activity = {
  id: 'a1',
  kind: 'lecture',
  title: '悦纳自我主题讲座',
  date: '2026-05-20',
  organizer: '心理中心',
  audience: '2026级新生',
  department: null,
  participants: 120,
  location: '报告厅',
  description: null,
  organizerLevel: 'center',
  organizerPersonId: null,
  className: null,
  attachmentCount: 1,
  attachments: [
    { id: 'f1', fileName: '签到表.pdf', mimeType: 'application/pdf', size: 2048, sha256: 'ab', createdAt: '2026-05-20T08:00:00.000Z', createdBy: 'acc-3' },
  ],
  createdBy: 'acc-3',
  createdAt: '2026-05-20T08:00:00.000Z',
  updatedAt: '2026-05-20T08:00:00.000Z',
};

const MEMBERS: Group['members'] = [
  {
    studentId: 's1',
    studentNo: '2026100001',
    name: '测试学生甲',
    department: '文学院',
    className: '文学1班',
    joinedAt: '2026-10-01T08:00:00.000Z',
    leftAt: null,
  },
  {
    studentId: 's2',
    studentNo: '2026100002',
    name: '测试学生乙',
    department: '文学院',
    className: '文学1班',
    joinedAt: '2026-10-01T08:00:00.000Z',
    leftAt: null,
  },
];

const GROUP: Group = {
  id: 'g1',
  name: '新生适应成长小组',
  theme: 'freshman_adaptation',
  customTheme: null,
  leaders: [{ id: 'acc-2', displayName: '王老师' }],
  status: 'running',
  startDate: '2026-10-01',
  endDate: '2026-12-01',
  memberCount: 2,
  sessionCount: 0,
  canOpen: true,
  description: null,
  members: MEMBERS,
  sessions: [],
};

function signedInAs(s: SessionInfo, extra: Handlers = {}) {
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'auth.lock': () => ({ locked: true as const }),
    'activities.list': () => ({
      rows: [{ ...ACTIVITY }],
      summary: { byKind: [{ kind: 'lecture', count: 1, participants: 120 }], total: { count: 1, participants: 120 } },
    }),
    'activities.get': () => ACTIVITY,
    'groups.list': () => [
      { ...GROUP },
      { ...GROUP, id: 'g2', name: '压力管理小组', theme: 'stress', leaders: [{ id: 'acc-9', displayName: '赵老师' }], canOpen: false },
    ],
    'groups.leaderOptions': () => [
      { id: 'acc-1', displayName: '张主任' },
      { id: 'acc-2', displayName: '王老师' },
    ],
    'groups.get': () => GROUP,
    ...extra,
  });
}

/** An option of the open antd Select popup. */
async function option(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).toBeTruthy());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

describe('activities', () => {
  it('lists activities with the summary by kind, and shows the form errors in Chinese', async () => {
    const fake = signedInAs(RECEPTION, { 'activities.create': () => fail('INTERNAL') });
    window.location.hash = '#/activities';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    const list = await screen.findByTestId('activity-list');
    expect(await within(list).findByText('悦纳自我主题讲座')).toBeTruthy();
    const summary = screen.getByTestId('activity-summary');
    expect(within(summary).getByText('讲座')).toBeTruthy();
    expect(within(summary).getByText('合计')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: /新建活动/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '保存活动' }));
    // Kind, date, title and organizer are required; nothing reaches the core.
    await waitFor(() => expect(within(dialog).getAllByText('请填写此项。')).toHaveLength(4));
    await user.clear(within(dialog).getByLabelText('参与人数'));
    await fill(user, within(dialog).getByLabelText('参与人数'), '-5');
    await user.click(within(dialog).getByRole('button', { name: '保存活动' }));
    expect(await within(dialog).findByText('参与人数不能为负数。')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText('参与人数'));
    await fill(user, within(dialog).getByLabelText('参与人数'), '2.5');
    await user.click(within(dialog).getByRole('button', { name: '保存活动' }));
    expect(await within(dialog).findByText('参与人数必须是整数。')).toBeTruthy();
    expect(fake.callsTo('activities.create')).toEqual([]);
  });

  it('creates an activity with its kind and date, then uploads the chosen file; refuses a file of another type', async () => {
    const created: ChannelInput<'activities.create'>[] = [];
    const fake = signedInAs(RECEPTION, {
      'activities.create': (input) => {
        created.push(input);
        return {
          ...ACTIVITY,
          ...input,
          id: 'a2',
          audience: input.audience ?? null,
          department: input.department ?? null,
          location: input.location ?? null,
          description: input.description ?? null,
          attachments: [],
          attachmentCount: 0,
        };
      },
      'activities.addAttachment': (input) => ({ ...ACTIVITY.attachments[0], id: 'f2', fileName: input.fileName }),
    });
    window.location.hash = '#/activities';
    const user = userEvent.setup({ delay: null, applyAccept: false });
    await renderApp();
    await screen.findByTestId('activity-list');
    await user.click(screen.getByRole('button', { name: /新建活动/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('活动类型'));
    await user.click(await option('心理委员培训'));
    const date = within(dialog).getByPlaceholderText('活动日期');
    await user.click(date);
    await user.type(date, '2026-05-26{Enter}');
    await fill(user, within(dialog).getByLabelText('活动名称'), '心理委员朋辈辅导技能培训');
    await fill(user, within(dialog).getByLabelText('组织者'), '心理中心');
    await user.clear(within(dialog).getByLabelText('参与人数'));
    await fill(user, within(dialog).getByLabelText('参与人数'), '45');

    // The upload's input is replaced after each choice: look it up each time.
    const fileInput = () => dialog.querySelector('input[type="file"]') as HTMLInputElement;
    await user.upload(fileInput(), new File(['MZ'], 'setup.exe', { type: 'application/octet-stream' }));
    expect(await within(dialog).findByText(/“setup.exe”的文件类型不支持/)).toBeTruthy();
    await user.upload(fileInput(), new File(['%PDF-1.7'], '培训签到表.pdf', { type: 'application/pdf' }));
    expect(await within(dialog).findByText('培训签到表.pdf')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: '保存活动' }));
    await waitFor(() => expect(fake.callsTo('activities.addAttachment')).toHaveLength(1));
    expect(created).toEqual([
      {
        kind: 'training_peer_counselors',
        title: '心理委员朋辈辅导技能培训',
        date: '2026-05-26',
        organizer: '心理中心',
        audience: null,
        department: null,
        participants: 45,
        location: null,
        description: null,
        organizerLevel: 'center',
        className: null,
        organizerPersonId: null,
      },
    ]);
    const upload = fake.callsTo('activities.addAttachment')[0] as { activityId: string; fileName: string; contentBase64: string };
    expect(upload).toMatchObject({ activityId: 'a2', fileName: '培训签到表.pdf' });
    expect(atob(upload.contentBase64)).toBe('%PDF-1.7');
  });
});

describe('english', () => {
  it('shows the activities page in English', async () => {
    signedInAs(COUNSELOR);
    window.location.hash = '#/activities';
    await renderApp('en');
    const summary = await screen.findByTestId('activity-summary');
    expect(await within(summary).findByText('Lecture')).toBeTruthy();
    expect(within(summary).getByText('Total')).toBeTruthy();
    expect(screen.getByRole('button', { name: /New activity/ })).toBeTruthy();
  });
});

describe('groups', () => {
  it('lists groups: a group led by someone else cannot be opened', async () => {
    signedInAs(COUNSELOR);
    window.location.hash = '#/groups';
    await renderApp();
    const list = await screen.findByTestId('group-list');
    expect(await within(list).findByRole('link', { name: '新生适应成长小组' })).toBeTruthy();
    expect(within(list).queryByRole('link', { name: '压力管理小组' })).toBeNull();
    expect(within(list).getByText('仅带领者可查看')).toBeTruthy();
  });

  it('the new-group form asks for a custom theme text and at least one leader, in Chinese', async () => {
    const fake = signedInAs(COUNSELOR, {
      'groups.create': (input) => ({ ...GROUP, id: 'g3', name: input.name, theme: input.theme, customTheme: input.customTheme ?? null }),
    });
    window.location.hash = '#/groups';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByTestId('group-list');
    await user.click(screen.getByRole('button', { name: /新建团体/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('团体名称'), '正念减压小组');
    const custom = within(dialog).getByLabelText('自定主题') as HTMLInputElement;
    await user.click(custom);
    await waitFor(() => expect(custom.checked).toBe(true));
    await user.click(within(dialog).getByRole('button', { name: '建立团体' }));
    expect(await within(dialog).findByText('选择“自定主题”时，请填写主题名称。')).toBeTruthy();
    expect(await within(dialog).findByText('请至少选择一位带领者。')).toBeTruthy();
    expect(fake.callsTo('groups.create')).toEqual([]);

    await fill(user, within(dialog).getByLabelText('主题名称'), '正念减压');
    await user.click(within(dialog).getByLabelText('带领者'));
    await user.click(await option('王老师'));
    await user.click(within(dialog).getByRole('button', { name: '建立团体' }));
    await waitFor(() => expect(fake.callsTo('groups.create')).toHaveLength(1));
    expect(fake.callsTo('groups.create')[0]).toMatchObject({
      name: '正念减压小组',
      theme: 'custom',
      customTheme: '正念减压',
      leaders: ['acc-2'],
      status: 'planned',
    });
  });

  it('records a session with the members who attended and the group note', async () => {
    // Like the core: once recorded, the group reads with its session (the page refetches it on store.changed).
    let current: Group = GROUP;
    const fake = signedInAs(COUNSELOR, {
      'groups.get': () => current,
      'groups.recordSession': (input) =>
        (current = {
          ...GROUP,
          sessions: [
            {
              id: 'gs1',
              number: 1,
              heldAt: input.heldAt,
              attendance: input.attendance,
              note: input.note ?? null,
              createdBy: 'acc-2',
              createdAt: input.heldAt,
              updatedAt: input.heldAt,
            },
          ],
        }),
    });
    window.location.hash = '#/group/g1';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByRole('heading', { name: /新生适应成长小组/ })).toBeTruthy();
    expect(within(screen.getByTestId('group-members')).getByText('测试学生甲')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /记录一次活动/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('测试学生乙（2026100002）'));
    await fill(user, within(dialog).getByLabelText('团体记录'), '破冰与团体契约');
    await user.click(within(dialog).getByRole('button', { name: '保存记录' }));
    await waitFor(() => expect(fake.callsTo('groups.recordSession')).toHaveLength(1));
    expect(fake.callsTo('groups.recordSession')[0]).toMatchObject({ groupId: 'g1', attendance: ['s2'], note: '破冰与团体契约' });
    const sessions = screen.getByTestId('group-sessions');
    expect(await within(sessions).findByText('第 1 次')).toBeTruthy();
    expect(within(sessions).getByText('破冰与团体契约')).toBeTruthy();
  });

  it('tells a clinician who does not lead the group that only leaders may open it', async () => {
    signedInAs(COUNSELOR, { 'groups.get': () => fail('FORBIDDEN', { reason: 'groupNotLeader' }) });
    window.location.hash = '#/group/g2';
    await renderApp();
    expect(await screen.findByText('只有本团体的带领者和中心主任可以查看或修改团体的成员和活动记录。')).toBeTruthy();
  });
});
