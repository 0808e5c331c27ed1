import { describe, expect, it } from 'vitest';
import i18n from '../../src-renderer/i18n';
import { timelineTitle } from '../../src-renderer/components/students/StudentTimeline';

/** Every module's timeline source sends a key the renderer must turn into words, never a raw key. */
describe('timeline titles', () => {
  it('reads the students module keys, other modules’ full keys, and i18n: values', async () => {
    await i18n.changeLanguage('zh-CN');
    const t = i18n.t.bind(i18n);
    expect(timelineTitle({ titleKey: 'cases.timeline.opened', values: { caseNo: '2026-0001' } }, t)).toContain('2026-0001');
    expect(timelineTitle({ titleKey: 'cases.timeline.opened', values: { caseNo: '2026-0001' } }, t)).not.toContain('cases.timeline');
    expect(
      timelineTitle({ titleKey: 'calendar.timeline.appointment', values: { kind: 'i18n:calendar.kinds.intake', status: 'i18n:calendar.statuses.done' } }, t),
    ).toBe('预约：初始访谈（已完成）');
    expect(timelineTitle({ titleKey: 'groups.timeline.groupJoined', values: { group: '新生适应小组' } }, t)).toBe('加入团体辅导“新生适应小组”');
    await i18n.changeLanguage('en');
    expect(
      timelineTitle(
        { titleKey: 'calendar.timeline.appointment', values: { kind: 'i18n:calendar.kinds.intake', status: 'i18n:calendar.statuses.done' } },
        i18n.t.bind(i18n),
      ),
    ).not.toContain('i18n:');
    await i18n.changeLanguage('zh-CN');
  });

  it('every title key a core timeline source sends exists in both languages', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const keys = new Set<string>();
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('timeline.ts')) for (const m of readFileSync(path, 'utf8').matchAll(/titleKey:\s*'([a-zA-Z_.]+)'/g)) keys.add(m[1]);
      }
    };
    walk(join(__dirname, '../../src-main/core'));
    expect(keys.size).toBeGreaterThan(5);
    for (const lng of ['zh-CN', 'en']) {
      for (const key of keys) {
        const full = key.startsWith('timeline.') ? `students.${key}` : key;
        expect(i18n.exists(full, { lng }), `${lng}: ${full}`).toBe(true);
      }
    }
  });
});
