import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelOutput } from '../../src-shared/contract';
import { getInstrumentDefinition, studentFormFor } from '../../src-shared/instruments';
import { createQueryClient } from '../../src-renderer/api/queries';
import { setLanguage } from '../../src-renderer/i18n';
import { StudentMode } from '../../src-renderer/screens/StudentMode';
import { fail, installFakeBridge, session, type Handlers } from './fake-bridge';
import { renderApp } from './render-app';

type Form = ChannelOutput<'studentMode.form'>;
type Answer = number | null | 'NA';

/** A student-mode form as the core sends it: the questionnaire only (no name, no scores). */
function phq9Form(responses: Answer[] = Array(9).fill(null), position = 0): Form {
  return { assessmentId: 'as-1', instrument: 'phq9', ...studentFormFor(getInstrumentDefinition('phq9'), null), responses, position, status: 'in_progress' };
}

function cssrsForm(responses: Answer[] = Array(7).fill(null)): Form {
  return {
    assessmentId: 'as-2',
    instrument: 'cssrs_screen',
    ...studentFormFor(getInstrumentDefinition('cssrs_screen'), null),
    responses,
    position: 0,
    status: 'in_progress',
  };
}

/** A fake core in student mode: keeps answers, refuses everything else like the real one. */
function studentModeCore(form: Form, extra: Handlers = {}) {
  const responses = [...form.responses];
  return installFakeBridge({
    'studentMode.form': () => ({ ...form, responses: [...responses] }),
    'studentMode.answer': ({ item, value }) => {
      responses[item - 1] = value ?? null;
      return { position: item, answered: responses.filter((v) => v !== null).length };
    },
    'studentMode.finish': () => ({ status: 'complete' as const, unanswered: responses.flatMap((v, i) => (v === null ? [i + 1] : [])) }),
    'studentMode.exit': ({ password }) =>
      password === 'counselor-pass-2025'
        ? { assessmentId: form.assessmentId, status: 'in_progress' as const }
        : fail('VALIDATION', { reason: 'currentPasswordWrong', issues: [{ path: ['password'], code: 'custom', message: 'currentPasswordWrong' }] }),
    'students.get': () => fail('FORBIDDEN', { reason: 'studentMode' }),
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    ...extra,
  });
}

async function renderStudentMode(onExit = vi.fn()) {
  await setLanguage('zh-CN');
  const utils = render(
    <QueryClientProvider client={createQueryClient()}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <AntApp>
          <StudentMode onExit={onExit} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>,
  );
  return { ...utils, onExit };
}

describe('student mode', () => {
  it('shows one item with its options and progress, and nothing but the questionnaire', async () => {
    const fake = studentModeCore(phq9Form());
    await renderStudentMode();
    expect(await screen.findByText('1. 做事时提不起劲或没有兴趣')).toBeTruthy();
    expect(screen.getByTestId('student-progress').textContent).toBe('第 1 / 9 题');
    const radios = screen.getAllByRole('radio');
    expect(radios).toHaveLength(4);
    for (const label of ['完全不会', '好几天', '一半以上的天数', '几乎每天']) expect(screen.getByRole('radio', { name: new RegExp(label) })).toBeTruthy();
    // Only one item at a time, no menu, no other data.
    expect(screen.queryByText(/感到心情低落/)).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(fake.calls.map((c) => c.channel).filter((c) => c !== 'studentMode.form')).toEqual([]);
    expect(screen.getByRole('button', { name: /上一题/ })).toHaveProperty('disabled', true);
  });

  it('saves an answer at once, moves with the buttons and the keyboard', async () => {
    const fake = studentModeCore(phq9Form());
    const user = userEvent.setup({ delay: null });
    await renderStudentMode();
    await user.click(await screen.findByRole('radio', { name: /好几天/ }));
    await waitFor(() => expect(fake.callsTo('studentMode.answer')).toEqual([{ item: 1, value: 1 }]));
    await user.click(screen.getByRole('button', { name: /下一题/ }));
    expect(await screen.findByText('2. 感到心情低落、沮丧或绝望')).toBeTruthy();
    expect(screen.getByTestId('student-progress').textContent).toBe('第 2 / 9 题');

    // Number keys choose by position (key 3 = the third option, value 2), Enter goes on, ← goes back.
    await user.keyboard('3');
    await waitFor(() => expect(fake.callsTo('studentMode.answer')).toContainEqual({ item: 2, value: 2 }));
    await user.keyboard('{Enter}');
    expect(await screen.findByText('3. 入睡困难、睡不安稳或睡眠过多')).toBeTruthy();
    await user.keyboard('{ArrowLeft}');
    expect(await screen.findByText('2. 感到心情低落、沮丧或绝望')).toBeTruthy();
    expect((screen.getByRole('radio', { name: /一半以上的天数/ }) as HTMLInputElement).checked).toBe(true);
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(fake.callsTo('studentMode.answer')).toContainEqual({ item: 2, value: 3 }));
    await user.keyboard('{ArrowRight}');
    expect(await screen.findByText('3. 入睡困难、睡不安稳或睡眠过多')).toBeTruthy();
  });

  it('resumes at the first unanswered item, finishes on the last one and thanks without scores', async () => {
    const fake = studentModeCore(phq9Form([1, 2, 1, 0, 1, 0, 1, 0, null], 8));
    const user = userEvent.setup({ delay: null });
    await renderStudentMode();
    expect(await screen.findByText('9. 有不如死掉或用某种方式伤害自己的念头')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /下一题/ })).toBeNull();
    await user.click(screen.getByRole('radio', { name: /一半以上的天数/ }));
    await waitFor(() => expect(fake.callsTo('studentMode.answer')).toEqual([{ item: 9, value: 2 }]));
    await user.click(screen.getByRole('button', { name: /提交/ }));
    expect(await screen.findByText('感谢你的作答！')).toBeTruthy();
    expect(fake.callsTo('studentMode.finish')).toHaveLength(1);
    // No total, band or flag reaches the student.
    expect(document.body.textContent).not.toMatch(/总分|抑郁症状|危急|筛查/);
  });

  it('names the unanswered items before handing in, and lets the student go back or hand in anyway', async () => {
    const fake = studentModeCore(phq9Form([1, null, 1, 0, null, 0, 1, 0, null]));
    const user = userEvent.setup({ delay: null });
    await renderStudentMode();
    expect(await screen.findByText(/^2\. /)).toBeTruthy();
    // Jump to the end with the keyboard, then try to hand in.
    for (let i = 0; i < 8; i += 1) await user.keyboard('{ArrowRight}');
    expect(await screen.findByText(/^9\. /)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /提交/ }));
    expect((await screen.findByTestId('unanswered-list')).textContent).toBe('未作答：第 2 题、第 5 题、第 9 题');
    expect(fake.callsTo('studentMode.finish')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '返回作答' }));
    expect(await screen.findByText(/^2\. 感到心情低落/)).toBeTruthy();
    for (let i = 0; i < 7; i += 1) await user.keyboard('{ArrowRight}');
    await user.keyboard('{Enter}');
    await user.click(await screen.findByRole('button', { name: '仍然提交' }));
    expect(await screen.findByText('感谢你的作答！')).toBeTruthy();
    expect(fake.callsTo('studentMode.finish')).toHaveLength(1);
  });

  it('skips C-SSRS follow-up items after a "no" and marks them not asked', async () => {
    const fake = studentModeCore(cssrsForm());
    const user = userEvent.setup({ delay: null });
    await renderStudentMode();
    expect(await screen.findByText('第 1 题')).toBeTruthy();
    await user.keyboard('2'); // 否
    await user.keyboard('{Enter}');
    expect(await screen.findByText('第 2 题')).toBeTruthy();
    await user.keyboard('2'); // 否: q3-q5 are not asked
    await waitFor(() => expect(fake.callsTo('studentMode.answer')).toContainEqual({ item: 5, value: 'NA' }));
    expect(fake.callsTo('studentMode.answer')).toEqual([
      { item: 1, value: 0 },
      { item: 2, value: 0 },
      { item: 3, value: 'NA' },
      { item: 4, value: 'NA' },
      { item: 5, value: 'NA' },
    ]);
    await user.keyboard('{Enter}');
    expect(await screen.findByText('第 6 题')).toBeTruthy();
  });

  it('exits only with the counselor password: a wrong one is refused in Chinese, then onExit', async () => {
    const fake = studentModeCore(phq9Form());
    const user = userEvent.setup({ delay: null });
    const { onExit } = await renderStudentMode();
    await screen.findByText(/^1\. /);
    await user.click(screen.getByRole('button', { name: '教师退出' }));
    const dialog = await screen.findByRole('dialog');
    // Digits typed into the password field are not answers.
    await user.type(within(dialog).getByLabelText('密码'), '123');
    await user.click(within(dialog).getByRole('button', { name: '退出' }));
    expect(await within(dialog).findByText('密码不正确，请重新输入。')).toBeTruthy();
    expect(fake.callsTo('studentMode.answer')).toEqual([]);
    expect(onExit).not.toHaveBeenCalled();
    await user.type(within(dialog).getByLabelText('密码'), 'counselor-pass-2025');
    await user.click(within(dialog).getByRole('button', { name: '退出' }));
    await waitFor(() => expect(onExit).toHaveBeenCalledTimes(1));
    expect(fake.callsTo('studentMode.exit')).toEqual([{ password: '123' }, { password: 'counselor-pass-2025' }]);
  });

  it('comes back after a reload (app.status says student mode) and returns to the main window after exit', async () => {
    const counselor = session({ displayName: '王老师', roles: ['counselor'] });
    let inStudentMode = true;
    const fake = studentModeCore(phq9Form(), {
      'app.status': () => ({ initialized: true, locked: false, version: '0.1.0', session: counselor, studentMode: inStudentMode }),
      'studentMode.exit': () => {
        inStudentMode = false;
        return { assessmentId: 'as-1', status: 'in_progress' as const };
      },
      'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
      'system.about': () => ({ version: '0.1.0', dataDir: '/tmp/x', schemaVersion: 1, encrypted: true, cipher: 'chacha20', workstationId: 'ws' }),
      'alerts.list': () => [],
    });
    const user = userEvent.setup({ delay: null });
    await renderApp();
    expect(await screen.findByText('1. 做事时提不起劲或没有兴趣')).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByText(/王老师/)).toBeNull();
    // No student data is asked for or shown: only the status and the questionnaire channels.
    expect(new Set(fake.calls.map((c) => c.channel))).toEqual(new Set(['app.status', 'studentMode.form']));
    expect(document.body.textContent).not.toMatch(/测试学生|2026000001|学号|姓名/);
    // Ctrl+L does not lock into or reveal anything in student mode.
    await user.keyboard('{Control>}l{/Control}');
    expect(fake.callsTo('auth.lock' as never)).toEqual([]);
    expect(screen.getByText('1. 做事时提不起劲或没有兴趣')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '教师退出' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('密码'), 'anything-right');
    await act(async () => {
      await user.click(within(dialog).getByRole('button', { name: '退出' }));
    });
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    expect(screen.getByRole('navigation')).toBeTruthy();
  });
});
