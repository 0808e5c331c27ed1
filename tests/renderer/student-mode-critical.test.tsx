import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src-shared/contract';
import { getInstrumentDefinition, studentFormFor } from '../../src-shared/instruments';
import { fail, installFakeBridge, session, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';
import { criticalAlert, type Alert } from '../support/alert-fakes';

/**
 * Issue 14 item 3: when the teacher leaves student mode and the answers raised a CRITICAL or
 * URGENT flag, the result is shown at once (synthetic student only).
 */

type Findings = ChannelOutput<'assessments.criticalFindings'>;

const COUNSELOR = session({ accountId: 'acc-2', displayName: '王老师', roles: ['counselor'] });
const ITEM9 = '有不如死掉或用某种方式伤害自己的念头';
const STUDENT = { id: 'st-1', studentNo: '2026000001', name: '测试学生' };

function findings(overrides: Partial<Findings> = {}): Findings {
  return {
    assessmentId: 'as-1',
    instrument: 'phq9',
    status: 'complete',
    provisional: false,
    student: STUDENT,
    openEvent: null,
    findings: [
      { code: 'PHQ9_ITEM9', level: 'CRITICAL', item: 9, itemText: ITEM9, answer: 2, answerText: '一半以上的天数', alertId: 'al-1', acknowledged: false },
    ],
    ...overrides,
  };
}

const ALERT: Alert = criticalAlert({ student: STUDENT });

/** A core in student mode (PHQ-9 handed in) that leaves it on the right password. */
function core(result: Findings | (() => ReturnType<typeof fail>), extra: Handlers = {}) {
  let inStudentMode = true;
  const form = {
    assessmentId: 'as-1',
    instrument: 'phq9' as const,
    ...studentFormFor(getInstrumentDefinition('phq9'), null),
    responses: Array(9).fill(0),
    position: 9,
    status: 'complete' as const,
  };
  return installFakeBridge({
    'app.status': () => ({ initialized: true, locked: false, version: '0.1.0', session: COUNSELOR, studentMode: inStudentMode }),
    'studentMode.form': () => form,
    'studentMode.exit': () => {
      inStudentMode = false;
      return { assessmentId: 'as-1', status: 'complete' as const };
    },
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'system.about': () => ({ version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 1, encrypted: true, cipher: 'chacha20', workstationId: 'ws' }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'alerts.list': () => [ALERT],
    'alerts.counts': () => ({ critical: 1, urgent: 0 }),
    'assessments.criticalFindings': typeof result === 'function' ? result : () => result,
    'crisis.open': () => ({ id: 'ev-1', eventNo: 'CR-2026-0001' }),
    'alerts.defer': () => ({ taskId: 'task-1', alertIds: ['al-1'], dueAt: '2026-03-02T03:15:00.000Z' }),
    ...extra,
  });
}

async function exitStudentMode(language: 'zh-CN' | 'en' = 'zh-CN') {
  window.location.hash = '';
  const user = userEvent.setup({ delay: null });
  await renderApp(language);
  await user.click(await screen.findByRole('button', { name: language === 'en' ? 'Teacher exit' : '教师退出' }));
  const dialog = await screen.findByRole('dialog');
  await user.type(within(dialog).getByLabelText(language === 'en' ? 'Password' : '密码'), 'counselor-pass-2025');
  await act(async () => {
    await user.click(within(dialog).getByRole('button', { name: language === 'en' ? 'Exit' : '退出' }));
  });
  return user;
}

async function resultDialog() {
  const body = await screen.findByTestId('critical-result', {}, { timeout: 5000 });
  return within(body.closest('.ant-modal') as HTMLElement);
}

describe('critical result after student mode', () => {
  it('shows the item, the answer given and the protocol at once, and cannot be dismissed', async () => {
    const fake = core(findings());
    const user = await exitStudentMode();
    const dialog = await resultDialog();
    expect(dialog.getByText('危急结果：请立即处理')).toBeTruthy();
    expect(dialog.getByText(/测试学生（2026000001）/)).toBeTruthy();
    expect(dialog.getByTestId('critical-finding-item').textContent).toBe(`PHQ-9 第 9 题：“${ITEM9}”`);
    expect(dialog.getByTestId('critical-finding-answer').textContent).toBe('一半以上的天数（2 分）');
    expect(dialog.getByText(/作答≥2 为危急，立即启动危机干预流程/)).toBeTruthy();
    expect(fake.callsTo('assessments.criticalFindings')).toEqual([{ assessmentId: 'as-1' }]);
    // No close button, Escape does nothing: the teacher must choose.
    expect(dialog.queryByRole('button', { name: /close|关闭/i })).toBeNull();
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('critical-result')).toBeTruthy();
    // The header counts the alert meanwhile.
    expect((await screen.findByTestId('header-critical-count')).textContent).toContain('危急 1');
  });

  it('立即开启危机事件 opens the event from the alert and goes to it', async () => {
    const fake = core(findings());
    const user = await exitStudentMode();
    const dialog = await resultDialog();
    await user.click(dialog.getByRole('button', { name: '立即开启危机事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-1'));
    expect(fake.callsTo('crisis.open')).toEqual([expect.objectContaining({ studentId: 'st-1', alertId: 'al-1', discoveredAt: ALERT.createdAt })]);
    await waitFor(() => expect(screen.queryByTestId('critical-result')).toBeNull());
  });

  it('with an open event the button leads there, and a refusal naming the open event also lands on it', async () => {
    const fake = core(findings({ openEvent: { id: 'ev-7', eventNo: 'CR-2026-0007' } }));
    const user = await exitStudentMode();
    const dialog = await resultDialog();
    expect(dialog.getByText(/已有进行中的危机事件 CR-2026-0007/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: '查看进行中的危机事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-7'));
    expect(fake.callsTo('crisis.open')).toEqual([]);
  });

  it('a CONFLICT crisisEventOpen from crisis.open lands on the named event', async () => {
    core(findings(), { 'crisis.open': () => fail('CONFLICT', { reason: 'crisisEventOpen', eventId: 'ev-3', eventNo: 'CR-2026-0003' }) });
    const user = await exitStudentMode();
    const dialog = await resultDialog();
    await user.click(dialog.getByRole('button', { name: '立即开启危机事件' }));
    await waitFor(() => expect(window.location.hash).toBe('#/crisisEvent/ev-3'));
  });

  it('稍后处理 needs a reason that says something; the alert stays open and counted', async () => {
    const fake = core(findings());
    const user = await exitStudentMode();
    const dialog = await resultDialog();
    await user.click(dialog.getByRole('button', { name: '稍后处理（记录原因）' }));
    const reason = dialog.getByLabelText('暂不处理的原因');
    for (const empty of ['无', '。。。']) {
      await user.clear(reason);
      await fill(user, reason, empty);
      await user.click(dialog.getByRole('button', { name: '记录原因，稍后处理' }));
      await waitFor(() => expect(document.querySelector('.ant-form-item-explain-error')?.textContent).toBeTruthy());
    }
    expect(fake.callsTo('alerts.defer')).toEqual([]);
    await user.clear(reason);
    await fill(user, reason, '学生由家长接走，明早 8 点电话联系');
    await user.click(dialog.getByRole('button', { name: '记录原因，稍后处理' }));
    await waitFor(() => expect(fake.callsTo('alerts.defer')).toEqual([{ assessmentId: 'as-1', reason: '学生由家长接走，明早 8 点电话联系' }]));
    await waitFor(() => expect(screen.queryByTestId('critical-result')).toBeNull());
    expect(fake.callsTo('crisis.open')).toEqual([]);
    expect(fake.callsTo('alerts.acknowledge' as never)).toEqual([]);
    expect(screen.getByTestId('header-critical-count').textContent).toContain('危急 1');
  });

  it('URGENT only: orange title; an unfinished form says its result is provisional', async () => {
    core(
      findings({
        status: 'in_progress',
        provisional: true,
        findings: [{ code: 'PHQ9_ITEM9', level: 'URGENT', item: 9, itemText: ITEM9, answer: 1, answerText: '好几天', alertId: null, acknowledged: false }],
      }),
    );
    await exitStudentMode();
    const dialog = await resultDialog();
    expect(dialog.getByText('紧急结果：请当日处理')).toBeTruthy();
    expect(dialog.getByText(/问卷尚未提交/)).toBeTruthy();
    expect(dialog.getByTestId('critical-finding').getAttribute('data-level')).toBe('URGENT');
  });

  it('no CRITICAL or URGENT finding: no dialog, straight to the workbench', async () => {
    const fake = core(findings({ findings: [] }));
    await exitStudentMode();
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    await waitFor(() => expect(fake.callsTo('assessments.criticalFindings')).toHaveLength(1));
    expect(screen.queryByTestId('critical-result')).toBeNull();
  });

  it('when the result cannot be read, says so and points to the alert list (never silently nothing)', async () => {
    core(() => fail('INTERNAL', {}));
    await exitStudentMode();
    expect(await screen.findByText(/无法读取刚才问卷的结果/)).toBeTruthy();
  });

  it('an idle lock while the student is done does not lose it: the next sign-in sees the result', async () => {
    let phase: 'studentMode' | 'locked' | 'signedIn' = 'studentMode';
    const fake = core(findings(), {
      'app.status': () => ({
        initialized: true,
        locked: phase === 'locked',
        version: '0.1.0',
        session: phase === 'locked' ? null : COUNSELOR,
        studentMode: phase === 'studentMode',
      }),
      'auth.lock': () => {
        phase = 'locked';
        return { locked: true as const };
      },
      'auth.signIn': () => {
        phase = 'signedIn';
        return COUNSELOR;
      },
    });
    window.location.hash = '';
    const user = userEvent.setup({ delay: null });
    await renderApp();
    await screen.findByText('感谢你的作答！');
    phase = 'locked';
    act(() => fake.emit('session.locked', { reason: 'idle' }));
    await user.type(await screen.findByLabelText('用户名'), 'wang.zixun');
    await user.type(screen.getByLabelText('密码'), 'counselor-pass-2025');
    await user.click(screen.getByRole('button', { name: '登录' }));
    const dialog = await resultDialog();
    expect(dialog.getByText('危急结果：请立即处理')).toBeTruthy();
  });

  it('someone who may not see item answers signs in next: no dialog for them', async () => {
    core(() => fail('FORBIDDEN', { permission: 'assessments.clinical' }));
    await exitStudentMode();
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(screen.queryByTestId('critical-result')).toBeNull();
    expect(screen.queryByText(/无法读取刚才问卷的结果/)).toBeNull();
  });

  it('reads in English', async () => {
    core(findings());
    await exitStudentMode('en');
    const dialog = await resultDialog();
    expect(dialog.getByText('Critical result: act now')).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Open a crisis event now' })).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Handle later (record why)' })).toBeTruthy();
    expect(dialog.getByText('What the protocol says:', { exact: false })).toBeTruthy();
    expect(dialog.getByTestId('critical-finding-item').textContent).toMatch(/^PHQ-9 question 9: “/);
    expect(dialog.getByTestId('critical-finding-answer').textContent).toBe('一半以上的天数 (score 2)');
  });
});
