import { describe, expect, it } from 'vitest';
import { crisisNotificationText, overdueCount, shouldNotify, startCrisisNotifier } from '../../../src-main/electron/crisis-notifier';

describe('crisis desktop notifier (pure logic)', () => {
  it('notifies only when the overdue count goes up', async () => {
    const answers = [0, 2, 2, 1, 3, 0, 1].map((n) => ({ ok: true as const, value: { now: '', steps: Array(n).fill({}) } }));
    const shown: number[] = [];
    let tick: () => void = () => {};
    const notifier = startCrisisNotifier({
      invoke: async () => answers.shift()!,
      show: (count) => shown.push(count),
      setInterval: (fn) => (tick = fn),
      clearInterval: () => {},
    });
    for (let i = 0; i < 7; i += 1) await notifier.check();
    void tick;
    expect(shown).toEqual([2, 3, 1]);
  });

  it('treats a locked store or a refused call as nothing overdue', () => {
    expect(overdueCount({ ok: false, error: { code: 'LOCKED', details: {} } } as never)).toBe(0);
    expect(overdueCount({ ok: true, value: { steps: [1, 2] } })).toBe(2);
    expect(shouldNotify(2, 2)).toBe(false);
    expect(crisisNotificationText('zh-CN', 3).body).toContain('3 个危机处置步骤已超时');
    expect(crisisNotificationText('en', 3).title).toBe('Crisis steps overdue');
  });
});
