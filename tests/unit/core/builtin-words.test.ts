import { describe, expect, it } from 'vitest';
import { DEFAULT_CRISIS_TEMPLATE, DEFAULT_TEMPLATE_NAME } from '../../../src-main/core/crisis/templates';
import { DEFAULT_CRISIS_LEVELS } from '../../../src-shared/contract/crisis';
import {
  BUILT_IN_LEVEL_LABELS,
  BUILT_IN_STEP_TITLES,
  BUILT_IN_TEMPLATE_NAME,
  levelLabel,
  stepTitle,
  templateName,
} from '../../../src-shared/labels/builtin-words';

describe('built-in words in English', () => {
  it('knows every seeded level and default step exactly as the store holds them', () => {
    for (const level of DEFAULT_CRISIS_LEVELS) expect(BUILT_IN_LEVEL_LABELS[level.key]?.[0], level.key).toBe(level.label);
    for (const step of DEFAULT_CRISIS_TEMPLATE.steps) expect(BUILT_IN_STEP_TITLES[step.key]?.[0], step.key).toBe(step.title);
    expect(BUILT_IN_TEMPLATE_NAME[0]).toBe(DEFAULT_TEMPLATE_NAME);
    const english = [...Object.values(BUILT_IN_LEVEL_LABELS), ...Object.values(BUILT_IN_STEP_TITLES), BUILT_IN_TEMPLATE_NAME].map(([, en]) => en);
    expect(english.filter((text) => /[\u4e00-\u9fff]/.test(text))).toEqual([]);
  });

  it('translates an unchanged built-in word in English mode only, and keeps what the school entered', () => {
    expect(levelLabel({ key: '1', label: '一级' }, 'en')).toBe('Level 1');
    expect(levelLabel({ key: '1', label: '一级' }, 'zh-CN')).toBe('一级');
    // Renamed by the school, or a key the default does not have: as entered, in both languages.
    expect(levelLabel({ key: '1', label: '红色' }, 'en')).toBe('红色');
    expect(levelLabel({ key: '4', label: '四级' }, 'en')).toBe('四级');

    const discovery = DEFAULT_CRISIS_TEMPLATE.steps[0];
    expect(stepTitle(discovery, 'en')).toMatch(/^Discovery/);
    expect(stepTitle(discovery, 'zh-CN')).toBe(discovery.title);
    expect(stepTitle({ key: discovery.key, title: '发现：本校改过的写法' }, 'en')).toBe('发现：本校改过的写法');
    // A list that carries only the title (overdue steps) is matched by the title.
    expect(stepTitle({ title: discovery.title }, 'en')).toMatch(/^Discovery/);
    // A key moved to another step's title keeps that text as entered.
    expect(stepTitle({ key: 'report', title: discovery.title }, 'en')).toBe(discovery.title);
    expect(templateName(DEFAULT_TEMPLATE_NAME, 'en')).toBe('Default crisis-intervention procedure');
    expect(templateName('本校流程', 'en')).toBe('本校流程');
  });
});
