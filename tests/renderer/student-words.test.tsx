import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../src-shared/contract';
import { getInstrumentDefinition, INSTRUMENT_IDS, studentFormFor } from '../../src-shared/instruments';
import { createQueryClient } from '../../src-renderer/api/queries';
import { setLanguage } from '../../src-renderer/i18n';
import { en } from '../../src-renderer/i18n/en';
import { zhCN } from '../../src-renderer/i18n/zh-CN';
import { StudentMode } from '../../src-renderer/screens/StudentMode';
import { installFakeBridge } from './fake-bridge';

/**
 * Student mode speaks to a student: never "patient" (患者), and one form of address (你, never 您).
 * Every string a student can see is scanned: the questionnaires' titles, instructions, items and
 * options as the core sends them, the student-mode words in both languages, and the rendered screen.
 */
const FORBIDDEN = /患者|您|patient/i;

function leaves(tree: object): string[] {
  return Object.values(tree).flatMap((value) => (typeof value === 'string' ? [value] : leaves(value as object)));
}

function formStrings(id: (typeof INSTRUMENT_IDS)[number]): string[] {
  const form = studentFormFor(getInstrumentDefinition(id), null);
  return [form.title, form.titleEn, form.instructions, ...form.items.flatMap((item) => [item.text ?? '', ...item.options.map((option) => option.label)])];
}

afterEach(() => cleanup());

describe('words shown to students', () => {
  it.each(INSTRUMENT_IDS)('%s: the student form never says 患者/您/patient', (id) => {
    const offending = formStrings(id).filter((text) => FORBIDDEN.test(text));
    expect(offending).toEqual([]);
  });

  it('student titles are neutral and differ from the instrument names counselors see', () => {
    for (const id of INSTRUMENT_IDS) {
      const definition = getInstrumentDefinition(id);
      const form = studentFormFor(definition, null);
      expect(form.title).toBe(definition.studentTitle.zh);
      expect(form.titleEn).toBe(definition.studentTitle.en);
      expect(form.title).not.toBe(definition.name.zh);
    }
    expect(getInstrumentDefinition('phq9').studentTitle.zh).toBe('心情自评问卷');
    expect(getInstrumentDefinition('gad7').studentTitle.zh).toBe('焦虑自评问卷');
    // Counselors still see the real name.
    expect(getInstrumentDefinition('phq9').name.zh).toContain('PHQ-9');
  });

  it('a loaded licensed wording keeps its items but not its title', () => {
    const definition = getInstrumentDefinition('k10');
    const form = studentFormFor(definition, { title: '患者心理困扰量表', instructions: '请根据你最近的情况作答。', items: [{ number: 1, text: '题目一' }] });
    expect(form.title).toBe(definition.studentTitle.zh);
    expect(form.items[0].text).toBe('题目一');
  });

  it('the student-mode words in both languages never say 患者/您/patient', () => {
    const texts = [...leaves(zhCN.assessments.studentMode), ...leaves(en.assessments.studentMode)];
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.filter((text) => FORBIDDEN.test(text))).toEqual([]);
  });

  it.each([
    ['zh-CN', '心情自评问卷'],
    ['en', 'Mood self-check'],
  ] as const)('the rendered student-mode screen (%s) shows the neutral title and no forbidden word', async (language, title) => {
    const form: ChannelOutput<'studentMode.form'> = {
      assessmentId: 'as-1',
      instrument: 'phq9',
      ...studentFormFor(getInstrumentDefinition('phq9'), null),
      responses: Array(9).fill(null),
      position: 0,
      status: 'in_progress',
    };
    installFakeBridge({ 'studentMode.form': () => form });
    await setLanguage(language);
    render(
      <QueryClientProvider client={createQueryClient()}>
        <ConfigProvider>
          <AntApp>
            <StudentMode onExit={() => undefined} />
          </AntApp>
        </ConfigProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByRole('heading', { name: title })).toBeTruthy();
    expect(document.title).toBe(title);
    expect(document.body.textContent ?? '').not.toMatch(FORBIDDEN);
    await setLanguage('zh-CN');
  });
});
