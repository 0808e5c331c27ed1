import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, FamilyContact } from '../../src-shared/contract';
import { FACETS, fullStudent } from '../support/student-fakes';
import { installFakeBridge, session, status } from './fake-bridge';
import { fill, renderApp } from './render-app';

configure({ asyncUtilTimeout: 8000 });

const COUNSELOR = session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] });
const LIAISON = session({ accountId: 'acc-3', username: 'chen.fdy', displayName: '陈辅导员', roles: ['liaison'] });
const student = fullStudent(0);
const guardian = student.guardians[0];
const ref = { id: student.id, studentNo: student.studentNo, name: student.name, department: student.department, className: student.className };

const contactRow: FamilyContact = {
  id: 'fc-1',
  source: 'contact',
  student: ref,
  contactedAt: '2026-11-20T02:00:00.000Z',
  way: 'phone',
  crisisMethod: null,
  targetKind: 'guardian',
  target: { personId: null, name: guardian.name },
  targetRelation: '父亲',
  contactor: { personId: 'p-1', name: '测试班主任' },
  purpose: '告知近期情绪变化',
  summary: '家长表示会配合学校关注',
  followUp: '一周后再次电话沟通',
  eventId: null,
  eventNo: null,
  recordedBy: { id: 'acc-2', displayName: '王老师' },
  createdAt: '2026-11-20T02:05:00.000Z',
};
const crisisRow: FamilyContact = {
  ...contactRow,
  id: 'n-1',
  source: 'crisis',
  contactedAt: '2026-11-25T02:00:00.000Z',
  way: 'wechat',
  crisisMethod: 'message',
  contactor: null,
  purpose: '生命安全例外',
  summary: '已告知监护人学生情况',
  followUp: null,
  eventId: 'ev-1',
  eventNo: 'CR-2026-0007',
};

function workstation(who = COUNSELOR, rows: FamilyContact[] = [crisisRow, contactRow]) {
  return installFakeBridge({
    'app.status': () => status.signedIn(who),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'students.facets': () => FACETS,
    'students.get': () => student,
    'students.timeline': () => [],
    'family.forStudent': () => ({ eligible: true, guardians: student.guardians, rows }),
    'family.add': (input: ChannelInput<'family.add'>) => ({ ...contactRow, id: 'fc-2', purpose: input.purpose, summary: input.summary }),
    'network.people': () => ({ rows: [] }) as never,
  });
}

describe('family contact log (家校沟通) on the student file', () => {
  it('lists recorded contacts and crisis guardian notifications in words, and records a contact with a guardian of the record', async () => {
    const bridge = workstation();
    window.location.hash = `#/student/${student.id}`;
    await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '家校沟通' }));
    const log = await screen.findByTestId('family-contact-log');
    await waitFor(() => expect(log.textContent).toContain('告知近期情绪变化'));
    expect(log.textContent).toContain('危机通知 CR-2026-0007');
    expect(log.textContent).toContain('微信');
    expect(log.textContent).toContain('电话');
    expect(log.textContent).toContain(`${guardian.name}（父亲）`);
    expect(log.textContent).toContain('测试班主任');
    expect(log.textContent).not.toMatch(/wechat|in_person|guardian\b/);

    await user.click(within(log).getByRole('button', { name: /记录家校沟通/ }));
    const dialog = await screen.findByRole('dialog');
    await fill(user, within(dialog).getByLabelText('沟通目的'), '了解周末在家情况');
    await fill(user, within(dialog).getByLabelText('沟通摘要'), '家长反映周末睡眠尚可');
    await user.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(bridge.callsTo('family.add')).toHaveLength(1));
    expect(bridge.callsTo('family.add')[0]).toMatchObject({
      studentId: student.id,
      way: 'phone',
      targetKind: 'guardian',
      target: { name: guardian.name },
      targetRelation: '父亲',
      purpose: '了解周末在家情况',
      summary: '家长反映周末睡眠尚可',
    });
  });

  it('reads in English', async () => {
    workstation();
    window.location.hash = `#/student/${student.id}`;
    await renderApp('en');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'Family contact' }));
    const log = await screen.findByTestId('family-contact-log');
    await waitFor(() => expect(log.textContent).toContain('Crisis notification CR-2026-0007'));
    expect(log.textContent).toContain('WeChat');
    expect(log.textContent).toContain('Phone');
  });

  it('a liaison is told they see only their own entries', async () => {
    workstation(LIAISON, [contactRow]);
    window.location.hash = `#/student/${student.id}`;
    await renderApp();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: '家校沟通' }));
    const log = await screen.findByTestId('family-contact-log');
    await waitFor(() => expect(log.textContent).toContain('您只能看到自己记录的家校沟通'));
  });
});
