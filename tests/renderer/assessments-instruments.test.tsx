import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ChannelInput, ChannelOutput, SessionInfo } from '../../src-shared/contract';
import { getInstrumentDefinition, INSTRUMENT_IDS, resolveOptions, type InstrumentId } from '../../src-shared/instruments';
import { fail, installFakeBridge, session, status, type Handlers } from './fake-bridge';
import { fill, renderApp } from './render-app';

type Setting = ChannelOutput<'instruments.list'>[number];

const DIRECTOR = session({ accountId: 'acc-9', username: 'zhao.zhuren', displayName: '赵主任', roles: ['director'] });

/** A core that keeps the instrument settings the way the real one does (options replaced whole). */
function instrumentsCore(s: SessionInfo = DIRECTOR, extra: Handlers = {}) {
  const settings = new Map<InstrumentId, Setting>(
    INSTRUMENT_IDS.map((id) => {
      const definition = getInstrumentDefinition(id);
      return [
        id,
        {
          id,
          name: definition.name,
          itemCount: definition.itemCount,
          enabled: true,
          options: resolveOptions(id, {}),
          scoringOnly: definition.scoringOnly,
          hasWording: definition.wording !== null,
          wordingSource: definition.wording ? ('shipped' as const) : ('none' as const),
        },
      ];
    }),
  );
  return installFakeBridge({
    'app.status': () => status.signedIn(s),
    'settings.get': () => ({ schoolName: '测试学院', idleLockMinutes: 15 }),
    'system.about': () => ({
      version: '0.1.0',
      dataDir: '/tmp/counsel-test',
      schemaVersion: 1,
      encrypted: true,
      cipher: 'chacha20',
      workstationId: 'ws-test-1',
    }),
    'alerts.list': () => [],
    'auth.touch': () => ({ idleLockAt: new Date(Date.now() + 600_000).toISOString() }),
    'instruments.list': () => [...settings.values()],
    'instruments.configure': (input: ChannelInput<'instruments.configure'>) => {
      const current = settings.get(input.instrument)!;
      const next = {
        ...current,
        enabled: input.enabled ?? current.enabled,
        options: input.options ? resolveOptions(input.instrument, input.options) : current.options,
      };
      settings.set(input.instrument, next);
      return next;
    },
    'instruments.loadWording': ({ instrument, wording }) => {
      const expected = settings.get(instrument)!.itemCount;
      if (wording.items.length !== expected) return fail('VALIDATION', { reason: 'wordingItemsMismatch', expected, actual: wording.items.length });
      const next = { ...settings.get(instrument)!, hasWording: true, wordingSource: 'loaded' as const };
      settings.set(instrument, next);
      return next;
    },
    ...extra,
  });
}

function rowOf(text: string): HTMLElement {
  // Plain DOM (role queries over a whole table are slow in jsdom).
  return [...document.querySelectorAll('tr')].find((row) => row.textContent?.includes(text)) as HTMLElement;
}

async function openInstruments() {
  const user = userEvent.setup({ delay: null });
  await renderApp();
  await user.click(await screen.findByRole('menuitem', { name: /测评量表/ }));
  await screen.findByText('症状自评量表（SCL-90）');
  return user;
}

describe('instruments settings (director)', () => {
  it('lists every instrument with item count, enabled state, wording state and settings', async () => {
    instrumentsCore();
    await openInstruments();
    expect(window.location.hash).toBe('#/instruments');
    const phq = rowOf('患者健康问卷（PHQ-9）');
    expect(within(phq).getByText('9 题')).toBeTruthy();
    expect(within(phq).getByText('随程序提供')).toBeTruthy();
    expect(within(phq).getByText('界值 ≥10')).toBeTruthy();
    const scl = rowOf('症状自评量表（SCL-90）');
    expect(within(scl).getByText('90 题')).toBeTruthy();
    expect(within(scl).getByText('仅计分，未载入题目文本')).toBeTruthy();
    expect(within(scl).getByText(/总分>160，阳性项目>43，因子≥2/)).toBeTruthy();
    expect(within(scl).getByRole('button', { name: '载入题目文本' })).toBeTruthy();
    expect(within(rowOf('Kessler')).getByText('无可调设置')).toBeTruthy();
    expect(within(rowOf('抑郁自评量表（SDS）')).getByText('标准分向下取整')).toBeTruthy();
    expect(screen.getAllByRole('switch').every((s) => s.getAttribute('aria-checked') === 'true')).toBe(true);
  });

  it('toggles an instrument on and off with instruments.configure', async () => {
    const fake = instrumentsCore();
    const user = await openInstruments();
    const k10 = rowOf('Kessler');
    await user.click(k10.querySelector('[role=switch]')!);
    await waitFor(() => expect(fake.callsTo('instruments.configure')).toEqual([{ instrument: 'k10', enabled: false }]));
    expect(await screen.findByText('已停用“Kessler心理困扰量表（K10）”。')).toBeTruthy();
    await waitFor(() => expect(rowOf('Kessler').querySelector('[role=switch]')!.getAttribute('aria-checked')).toBe('false'));
    await user.click(rowOf('Kessler').querySelector('[role=switch]')!);
    await waitFor(() => expect(fake.callsTo('instruments.configure')).toContainEqual({ instrument: 'k10', enabled: true }));
  });

  it('edits the PHQ-9 cutoff, sending the options whole', async () => {
    const fake = instrumentsCore();
    const user = await openInstruments();
    await user.click(within(rowOf('患者健康问卷（PHQ-9）')).getByRole('button', { name: '设置' }));
    const dialog = await screen.findByRole('dialog');
    const cutoff = within(dialog).getByLabelText('筛查阳性界值（总分≥）') as HTMLInputElement;
    expect(cutoff.value).toBe('10');
    await user.clear(cutoff);
    await fill(user, cutoff, '40');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    expect(await within(dialog).findByText('请输入 1–27 之间的数值。')).toBeTruthy();
    expect(fake.callsTo('instruments.configure')).toEqual([]);
    await user.clear(cutoff);
    await fill(user, cutoff, '8');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fake.callsTo('instruments.configure')).toEqual([{ instrument: 'phq9', options: { screenCutoff: 8 } }]));
    expect(await within(rowOf('患者健康问卷（PHQ-9）')).findByText('界值 ≥8')).toBeTruthy();
  });

  it('edits the SCL-90 screen cutoffs and scale origin, and shows the core’s VALIDATION translated', async () => {
    const fake = instrumentsCore(DIRECTOR, {
      'instruments.configure': () =>
        fail('VALIDATION', {
          reason: 'badInstrumentOptions',
          instrument: 'scl90',
          issues: [{ path: ['screen', 'factorMeanAtLeast'], code: 'custom', message: 'must be a multiple of 0.1' }],
        }),
    });
    const user = await openInstruments();
    await user.click(within(rowOf('症状自评量表（SCL-90）')).getByRole('button', { name: '设置' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('0–4 分（计分时加 1）'));
    const total = within(dialog).getByLabelText('总分高于') as HTMLInputElement;
    await user.clear(total);
    await fill(user, total, '170');
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fake.callsTo('instruments.configure')).toHaveLength(1));
    expect(fake.callsTo('instruments.configure')[0]).toEqual({
      instrument: 'scl90',
      options: { scaleOrigin: 0, screen: { totalAbove: 170, pstAbove: 43, factorMeanAtLeast: 2 } },
    });
    expect(await within(dialog).findByText('量表设置不正确。')).toBeTruthy();
    expect(within(dialog).getByText('请输入 1–5 之间的数值。')).toBeTruthy();
  });

  it('sets the UPI variant and the SDS rounding', async () => {
    const fake = instrumentsCore();
    const user = await openInstruments();
    await user.click(within(rowOf('大学生人格问卷（UPI）')).getByRole('button', { name: '设置' }));
    let dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText(/^C：/));
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fake.callsTo('instruments.configure')).toHaveLength(1));
    expect(fake.callsTo('instruments.configure')[0]).toMatchObject({ instrument: 'upi', options: { variant: 'C' } });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(within(rowOf('抑郁自评量表（SDS）')).getByRole('button', { name: '设置' }));
    dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('四舍五入'));
    await user.click(within(dialog).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fake.callsTo('instruments.configure')).toContainEqual({ instrument: 'sds', options: { rounding: 'half_up' } }));
  });

  it('loads a wording file, and shows the core’s item-count mismatch translated', async () => {
    const fake = instrumentsCore();
    const user = await openInstruments();
    await user.click(within(rowOf('Kessler')).getByRole('button', { name: '载入题目文本' }));
    const dialog = await screen.findByRole('dialog');
    // rc-upload renders a fresh <input type=file> after each pick.
    const input = () => dialog.querySelector('input[type=file]') as HTMLInputElement;

    await user.upload(input(), new File(['not json'], 'k10.json', { type: 'application/json' }));
    expect(await within(dialog).findByText('该文件不是有效的 JSON。')).toBeTruthy();

    const short = { title: '示例量表', items: [1, 2, 3].map((number) => ({ number, text: `示例题目 ${number}` })), source: '测试用合成文本' };
    await user.upload(input(), new File([JSON.stringify(short)], 'k10.json', { type: 'application/json' }));
    expect(await within(dialog).findByText('“示例量表”，3 题')).toBeTruthy();
    expect(within(dialog).getByText('文件中有 3 题，该量表需要 10 题。')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '载入' }));
    expect(await within(dialog).findByText('题目文字的数量（3）与量表题数（10）不符。')).toBeTruthy();

    const full = { ...short, items: Array.from({ length: 10 }, (_, i) => ({ number: i + 1, text: `示例题目 ${i + 1}` })) };
    await user.upload(input(), new File([JSON.stringify(full)], 'k10.json', { type: 'application/json' }));
    expect(await within(dialog).findByText('“示例量表”，10 题')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '载入' }));
    await waitFor(() => expect(fake.callsTo('instruments.loadWording')).toHaveLength(2));
    expect(await screen.findByText('题目文本已载入。')).toBeTruthy();
    expect(await within(rowOf('Kessler')).findByText('已载入')).toBeTruthy();
  });

  it('is not in the menu of a counselor', async () => {
    instrumentsCore(session({ roles: ['counselor'], displayName: '王老师' }));
    await renderApp();
    expect(await screen.findByText('您好，王老师')).toBeTruthy();
    expect(screen.queryByRole('menuitem', { name: /测评量表/ })).toBeNull();
  });
});
