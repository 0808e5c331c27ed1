import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { resolveOptions, scoreInstrument, type InstrumentId } from '../../src-shared/instruments';
import { createQueryClient } from '../../src-renderer/api/queries';
import { StudentAssessments } from '../../src-renderer/components/assessments/StudentAssessments';
import { parseQuickEntry } from '../../src-renderer/components/assessments/PaperEntryModal';
import { itemChoices } from '../../src-renderer/components/assessments/labels';
import i18n, { setLanguage } from '../../src-renderer/i18n';
import { SessionContext, type SessionApi } from '../../src-renderer/session';
import { fail, installFakeBridge, session, type Handlers } from './fake-bridge';

type Summary = ChannelOutput<'assessments.listForStudent'>[number];
type Detail = ChannelOutput<'assessments.get'>;
type Answer = number | null | 'NA';

const STUDENT = 'st-1';

/** A detail as the core builds it: the real scorer's result on synthetic answers. */
function scored(
  id: string,
  instrument: InstrumentId,
  responses: Answer[],
  at: string,
  mode: Summary['mode'] = 'on_screen',
  options: Record<string, unknown> = {},
): Detail {
  const result = scoreInstrument(instrument, responses, options);
  return {
    id,
    studentId: STUDENT,
    instrument,
    mode,
    status: 'complete',
    startedAt: at,
    completedAt: at,
    total: result.total,
    band: result.band,
    screenPositive: result.screenPositive,
    flags: result.flags,
    responses,
    options: result.options,
    result: result as unknown as Record<string, unknown>,
    administeredBy: 'acc-1',
  };
}

const PHQ_NOW = scored('as-3', 'phq9', [2, 2, 1, 1, 1, 1, 1, 0, 2], '2026-03-02T02:00:00.000Z');
const PHQ_BEFORE = scored('as-1', 'phq9', [1, 1, 0, 1, 0, 0, 1, 0, 0], '2025-10-09T02:00:00.000Z');
const GAD_PAPER = scored('as-2', 'gad7', [3, 3, 2, 2, 2, 2, 1], '2025-12-01T00:00:00.000Z', 'paper');
const SCL = scored('as-4', 'scl90', Array(90).fill(2), '2025-11-01T00:00:00.000Z', 'paper');
const IN_PROGRESS: Summary = {
  id: 'as-5',
  studentId: STUDENT,
  instrument: 'gad7',
  mode: 'on_screen',
  status: 'in_progress',
  startedAt: '2026-03-03T02:00:00.000Z',
  completedAt: null,
  total: null,
  band: null,
  screenPositive: null,
  flags: [],
};

const summary = ({ responses: _r, options: _o, result: _x, administeredBy: _a, ...rest }: Detail): Summary => rest;

function instrumentsList(disabled: InstrumentId[] = []): ChannelOutput<'instruments.list'> {
  const ids: InstrumentId[] = ['phq9', 'phqa', 'gad7', 'cssrs_screen', 'scl90', 'upi', 'k10', 'sds', 'sas'];
  const names: Record<string, string> = { phq9: '患者健康问卷（PHQ-9）', gad7: '广泛性焦虑量表（GAD-7）', upi: '大学生人格问卷（UPI）' };
  return ids.map((id) => ({
    id,
    name: { zh: names[id] ?? id, en: id },
    itemCount: itemChoices(id, i18n.t).length,
    enabled: !disabled.includes(id),
    options: resolveOptions(id, {}),
    scoringOnly: !['phq9', 'phqa', 'gad7'].includes(id),
    hasWording: ['phq9', 'phqa', 'gad7'].includes(id),
    wordingSource: ['phq9', 'phqa', 'gad7'].includes(id) ? ('shipped' as const) : ('none' as const),
  }));
}

function clinicalCore(extra: Handlers = {}) {
  const details: Detail[] = [PHQ_NOW, SCL, GAD_PAPER, PHQ_BEFORE];
  return installFakeBridge({
    'assessments.listForStudent': () => [IN_PROGRESS, ...details.map(summary)],
    'assessments.get': ({ id }) => details.find((d) => d.id === id) ?? fail('NOT_FOUND', { reason: 'assessmentNotFound' }),
    'instruments.list': () => instrumentsList(['k10']),
    'assessments.start': () => ({ assessmentId: 'as-new' }),
    'studentMode.enter': ({ assessmentId }) => ({
      assessmentId,
      instrument: 'phq9',
      title: '心情自评问卷',
      titleEn: 'Mood self-check',
      instructions: '',
      hasWording: true,
      items: [],
      responses: [],
      position: 0,
      status: 'in_progress',
    }),
    'assessments.enterPaper': (input: ChannelInput<'assessments.enterPaper'>) => {
      const saved = scored('as-paper', input.instrument, input.responses as Answer[], '2026-03-04T00:00:00.000Z', 'paper', input.options ?? {});
      details.unshift(saved);
      return saved;
    },
    ...extra,
  });
}

async function renderTab(roles: SessionApi['session']['roles'] = ['counselor']) {
  await setLanguage('zh-CN');
  const api: SessionApi = {
    session: session({ roles, displayName: '王老师' }),
    lock: vi.fn(async () => undefined),
    updateSession: vi.fn(),
    enterStudentMode: vi.fn(),
  };
  const utils = render(
    <QueryClientProvider client={createQueryClient()}>
      <ConfigProvider button={{ autoInsertSpace: false }}>
        <AntApp>
          <SessionContext.Provider value={api}>
            <StudentAssessments studentId={STUDENT} />
          </SessionContext.Provider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>,
  );
  return { ...utils, api };
}

/** An option of the open antd Select popup. */
async function option(title: string): Promise<HTMLElement> {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${title}"]`)).toBeTruthy());
  return document.querySelector(`.ant-select-item-option[title="${title}"]`) as HTMLElement;
}

async function pickInstrument(user: UserEvent, dialog: HTMLElement, name: string) {
  await user.click(within(dialog).getAllByRole('combobox')[0]);
  await user.click(await option(name));
}

function rowOf(text: string): HTMLElement {
  // Plain DOM (role queries over a whole table are slow in jsdom).
  return [...document.querySelectorAll('tr')].find((row) => row.textContent?.includes(text)) as HTMLElement;
}

describe('assessments tab of the student file', () => {
  it('lists assessments with Chinese names, modes, translated bands, screen and flag tags', async () => {
    clinicalCore();
    await renderTab();
    await screen.findByText(/^2026-03-02 \d\d:\d\d$/);
    const newest = rowOf('2026-03-02');
    expect(within(newest).getByText('患者健康问卷（PHQ-9）')).toBeTruthy();
    expect(within(newest).getByText('屏幕作答')).toBeTruthy();
    expect(within(newest).getByText('11')).toBeTruthy();
    expect(within(newest).getByText('中度抑郁症状')).toBeTruthy();
    expect(within(newest).getByText('筛查阳性')).toBeTruthy();
    const critical = within(newest).getByText('危急 · 第9题 死亡或自伤念头');
    expect(critical.closest('.ant-tag')?.className).toMatch(/red/);

    const gad = rowOf('2025-12-01');
    expect(within(gad).getByText('纸质录入')).toBeTruthy();
    expect(within(gad).getByText('重度焦虑症状')).toBeTruthy();
    expect(within(gad).getByText('高 · 总分≥15').closest('.ant-tag')?.className).toMatch(/gold/);

    const scl = rowOf('2025-11-01');
    expect(within(scl).getByText('紧急 · 第15题 自杀意念').closest('.ant-tag')?.className).toMatch(/orange/);

    const open = rowOf('作答中');
    expect(within(open).getByRole('button', { name: '继续作答' })).toBeTruthy();
    expect(rowOf('2025-10-09').textContent).toContain('无/极轻微抑郁症状');
    expect(screen.getAllByRole('button', { name: '继续作答' })).toHaveLength(1);
  });

  it('draws the trend of complete totals as an ECharts chart', async () => {
    clinicalCore();
    await renderTab();
    const chart = await screen.findByTestId('assessment-trend');
    await waitFor(() => expect(chart.querySelector('svg')).not.toBeNull());
    expect(chart.getAttribute('aria-label')).toBe('PHQ-9 总分趋势图');
  });

  it('starts an on-screen assessment with an enabled instrument and hands the window over', async () => {
    const fake = clinicalCore();
    const user = userEvent.setup({ delay: null });
    const { api } = await renderTab();
    await user.click(await screen.findByRole('button', { name: /开始屏幕测评/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox'));
    // Disabled instruments are not offered.
    expect(await option('广泛性焦虑量表（GAD-7）')).toBeTruthy();
    expect(document.querySelector('.ant-select-item-option[title="k10"]')).toBeNull();
    await user.click(await option('患者健康问卷（PHQ-9）'));
    await user.click(within(dialog).getByRole('button', { name: '开始' }));
    await waitFor(() => expect(api.enterStudentMode).toHaveBeenCalledTimes(1));
    expect(fake.callsTo('assessments.start')).toEqual([{ studentId: STUDENT, instrument: 'phq9' }]);
    expect(fake.callsTo('studentMode.enter')).toEqual([{ assessmentId: 'as-new' }]);
  });

  it('resumes an in-progress one in student mode', async () => {
    const fake = clinicalCore();
    const user = userEvent.setup({ delay: null });
    const { api } = await renderTab();
    await user.click(await screen.findByRole('button', { name: '继续作答' }));
    await waitFor(() => expect(api.enterStudentMode).toHaveBeenCalledTimes(1));
    expect(fake.callsTo('studentMode.enter')).toEqual([{ assessmentId: 'as-5' }]);
    expect(fake.callsTo('assessments.start')).toEqual([]);
  });

  it('sends a paper GAD-7 as the responses array in item order, missing answers as null, with the date', async () => {
    const fake = clinicalCore();
    const user = userEvent.setup({ delay: null });
    await renderTab();
    await user.click(await screen.findByRole('button', { name: /录入纸质问卷/ }));
    const dialog = await screen.findByRole('dialog');
    await pickInstrument(user, dialog, '广泛性焦虑量表（GAD-7）');
    expect(await within(dialog).findByText('1. 感觉紧张，焦虑或急切')).toBeTruthy();
    const answers: (number | null)[] = [3, 0, 2, null, 1, 2, 3];
    for (const [index, value] of answers.entries()) {
      if (value === null) continue;
      const group = within(dialog).getByRole('radiogroup', { name: `第 ${index + 1} 题` });
      await user.click(within(group).getAllByRole('radio')[value]);
    }
    // Clicking the chosen answer again clears it.
    const group2 = within(dialog).getByRole('radiogroup', { name: '第 2 题' });
    await user.click(within(group2).getAllByRole('radio')[1]);
    await user.click(within(group2).getAllByRole('radio')[1]);
    expect(within(dialog).getByText('· 已填 5 / 7 题')).toBeTruthy();
    await user.click(within(dialog).getByLabelText('施测日期'));
    await user.paste('2025-12-01');
    await user.keyboard('{Enter}');
    await user.click(within(dialog).getByRole('button', { name: '保存并计分' }));
    await waitFor(() => expect(fake.callsTo('assessments.enterPaper')).toHaveLength(1));
    expect(fake.callsTo('assessments.enterPaper')[0]).toEqual({
      studentId: STUDENT,
      instrument: 'gad7',
      responses: [3, null, 2, null, 1, 2, 3],
      administeredOn: '2025-12-01',
    });
    // The saved form opens in the detail drawer.
    expect(await screen.findByText('测评详情')).toBeTruthy();
    await waitFor(() => expect(fake.callsTo('assessments.get')).toContainEqual({ id: 'as-paper' }));
  });

  it('shows the scorer VALIDATION error translated, with the instrument name and the item', async () => {
    clinicalCore({
      'assessments.enterPaper': () => fail('VALIDATION', { reason: 'OUT_OF_RANGE', instrument: 'gad7', item: 3, value: 5, min: 0, max: 3 }),
    });
    const user = userEvent.setup({ delay: null });
    await renderTab();
    await user.click(await screen.findByRole('button', { name: /录入纸质问卷/ }));
    const dialog = await screen.findByRole('dialog');
    await pickInstrument(user, dialog, '广泛性焦虑量表（GAD-7）');
    await user.click(within(within(dialog).getByRole('radiogroup', { name: '第 1 题' })).getAllByRole('radio')[0]);
    await user.click(within(dialog).getByRole('button', { name: '保存并计分' }));
    expect(await within(dialog).findByText('GAD-7 第 3 题：5 超出 0–3 的范围。')).toBeTruthy();
    expect(await within(dialog).findByText('答案无效')).toBeTruthy();
  });

  it('enters a UPI by quick entry with the explicit auxiliary inputs as options', async () => {
    const fake = clinicalCore({ 'instruments.list': () => instrumentsList() });
    const user = userEvent.setup({ delay: null });
    await renderTab();
    await user.click(await screen.findByRole('button', { name: /录入纸质问卷/ }));
    const dialog = await screen.findByRole('dialog');
    await pickInstrument(user, dialog, '大学生人格问卷（UPI）');
    const quick = await within(dialog).findByLabelText('快速录入');
    await user.click(quick);
    await user.paste('1111 2');
    await user.click(within(dialog).getByText('填入').closest('button')!);
    expect(await within(dialog).findByText('第 6 个字符“2”不是有效答案。')).toBeTruthy();
    await user.tripleClick(quick);
    await user.paste(`${'10'.repeat(12)} ${'0'.repeat(35)}-`);
    await user.click(within(dialog).getByText('填入').closest('button')!);
    const asks = dialog.querySelector('[aria-label="主动要求咨询"]') as HTMLElement;
    await user.click(within(asks).getByText('是'));
    await user.click(within(dialog).getByText('保存并计分').closest('button')!);
    await waitFor(() => expect(fake.callsTo('assessments.enterPaper')).toHaveLength(1));
    const sent = fake.callsTo('assessments.enterPaper')[0] as ChannelInput<'assessments.enterPaper'>;
    expect(sent.responses).toHaveLength(60);
    expect(sent.responses.slice(0, 4)).toEqual([1, 0, 1, 0]);
    expect(sent.responses.slice(24, 60)).toEqual([...Array(35).fill(0), null]);
    expect(sent.options).toEqual({ asksForCounseling: true, auxiliaryAffirmative: null });
  });

  it('parses quick entry strictly against each item’s options', () => {
    const items = itemChoices('cssrs_screen', i18n.t);
    expect(parseQuickEntry('10 nnn 0-', items)).toEqual({ ok: true, answers: [1, 0, 'NA', 'NA', 'NA', 0, undefined] });
    expect(parseQuickEntry('12', items)).toEqual({ ok: false, position: 2, char: '2' });
    expect(parseQuickEntry('10000000', items)).toEqual({ ok: false, count: 8 });
    expect(parseQuickEntry('n', itemChoices('phq9', i18n.t))).toEqual({ ok: false, position: 1, char: 'n' });
  });

  it('shows the detail: scores, band, flags explained, item answers', async () => {
    const fake = clinicalCore();
    const user = userEvent.setup({ delay: null });
    await renderTab();
    await screen.findByText(/^2026-03-02 \d\d:\d\d$/);
    await user.click(within(rowOf('2026-03-02')).getByRole('button', { name: '详情' }));
    const drawer = await screen.findByRole('dialog');
    expect((await within(drawer).findByTestId('detail-total')).textContent).toBe('11');
    expect(fake.callsTo('assessments.get')).toEqual([{ id: 'as-3' }]);
    expect(within(drawer).getByText('中度抑郁症状')).toBeTruthy();
    expect(within(drawer).getByText('筛查阳性')).toBeTruthy();
    expect(within(drawer).getByText(/第9题（死亡或自伤念头）作答≥1，需当日联系并做 C-SSRS 评估/)).toBeTruthy();
    expect(within(drawer).getByText('有不如死掉或用某种方式伤害自己的念头')).toBeTruthy();
    expect(within(drawer).getAllByText('2 · 一半以上的天数').length).toBeGreaterThan(0);
    expect(within(drawer).getByText('界值 ≥10')).toBeTruthy();
  });

  it('shows the SCL-90 factor table with Chinese factor names, means and z', async () => {
    clinicalCore();
    const user = userEvent.setup({ delay: null });
    await renderTab();
    await screen.findAllByText('2025-11-01');
    await user.click(within(rowOf('2025-11-01')).getByRole('button', { name: '详情' }));
    const drawer = await screen.findByRole('dialog');
    expect(await within(drawer).findByText('躯体化')).toBeTruthy();
    for (const name of ['强迫', '人际关系敏感', '抑郁', '焦虑', '敌对', '恐怖', '偏执', '精神病性', '其他'])
      expect(within(drawer).getByText(name)).toBeTruthy();
    expect(within(drawer).getByText('总均分（GSI）')).toBeTruthy();
    expect(within(drawer).getByText('阳性项目数（PST）')).toBeTruthy();
    const somatization = within(drawer)
      .getAllByRole('row')
      .find((r) => r.textContent?.startsWith('躯体化'))!;
    expect(within(somatization).getByText('12')).toBeTruthy();
    expect(within(somatization).getByText('2')).toBeTruthy();
  });

  it('hides the actions from a role that may not give assessments', async () => {
    clinicalCore();
    await renderTab(['reception']);
    await screen.findByText(/^2026-03-02 \d\d:\d\d$/);
    expect(screen.queryByRole('button', { name: /开始屏幕测评/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '继续作答' })).toBeNull();
  });
});
