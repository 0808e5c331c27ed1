import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTIONS } from '../../../src-main/core/notes/note-template';
import { BUILT_IN_NOTE_SECTIONS, noteSectionLabel, systemReason } from '../../../src-shared/labels/builtin-words';

/** Texts the core writes by itself read in English in English mode; what people typed stays as typed. */
describe('built-in system texts in English', () => {
  it('the default note sections have English headings, only while unchanged', () => {
    for (const section of DEFAULT_SECTIONS) {
      expect(BUILT_IN_NOTE_SECTIONS[section.id]?.[0], section.id).toBe(section.label);
      expect(noteSectionLabel(section, 'en')).toBe(BUILT_IN_NOTE_SECTIONS[section.id][1]);
      expect(noteSectionLabel(section, 'zh-CN')).toBe(section.label);
    }
    expect(noteSectionLabel({ id: 'plan', label: '下一步安排' }, 'en')).toBe('下一步安排');
  });

  it('generated key-attention reasons read in English; typed parts stay', () => {
    expect(systemReason('危机事件 W-2026-0007', 'en')).toBe('Crisis event W-2026-0007');
    expect(systemReason('危机事件 W-2026-0007：宿舍同学发现', 'en')).toBe('Crisis event W-2026-0007: 宿舍同学发现');
    expect(systemReason('2026级新生普查：约谈结论「重点关注」', 'en')).toBe('2026级新生普查: interview outcome "key attention"');
    expect(systemReason('2026级新生普查：约谈结论改为「危机」：复谈发现计划', 'en')).toBe(
      '2026级新生普查: interview outcome changed to "crisis": 复谈发现计划',
    );
    expect(systemReason('情绪低落，室友反映', 'en')).toBe('情绪低落，室友反映');
    expect(systemReason('危机事件 W-2026-0007', 'zh-CN')).toBe('危机事件 W-2026-0007');
  });
});
