import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../src-shared/contract';
import { createQueryClient } from '../../src-renderer/api/queries';
import { useOpenCrisisFromAlert } from '../../src-renderer/components/crisis/openFromAlert';
import { setLanguage } from '../../src-renderer/i18n';
import { installFakeBridge, session, status } from './fake-bridge';
import { criticalAlert, type Alert } from '../support/alert-fakes';

/** Synthetic alerts only. */
const alertOf = (id: string, studentId: string, studentNo: string): Alert =>
  criticalAlert({ id, student: { id: studentId, studentNo, name: '测试学生' }, assessmentId: `as-${id}`, crisisEventId: null, crisisEventNo: null });

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={createQueryClient()}>{children}</QueryClientProvider>;
}

describe('opening a crisis event from alerts: one opening per student at a time', () => {
  it('a second alert of the same student while the first opens sends nothing; another student is not held back', async () => {
    await setLanguage('zh-CN');
    const answers: Array<(value: { id: string; eventNo: string }) => void> = [];
    const fake = installFakeBridge({
      'app.status': () => status.signedIn(session({ accountId: 'acc-2', username: 'wang.zixun', displayName: '王老师', roles: ['counselor'] })),
      'crisis.levels': () => [{ key: 'red', label: '红色', color: 'red', cadenceDays: 3 }],
      'crisis.open': () => new Promise((resolve) => answers.push(resolve)),
    });
    const { result } = renderHook(() => useOpenCrisisFromAlert(), { wrapper });
    let first!: Promise<unknown>, again!: Promise<unknown>, other!: Promise<unknown>;
    act(() => {
      first = result.current.run(alertOf('al-1', 'st-1', '2026000001'));
      again = result.current.run(alertOf('al-2', 'st-1', '2026000001'));
      other = result.current.run(alertOf('al-3', 'st-2', '2026000002'));
    });
    await waitFor(() => expect(fake.callsTo('crisis.open')).toHaveLength(2));
    expect((fake.callsTo('crisis.open') as ChannelInput<'crisis.open'>[]).map((input) => input.studentId)).toEqual(['st-1', 'st-2']);
    await act(async () => {
      answers[0]!({ id: 'ev-1', eventNo: 'CR-2026-0001' });
      answers[1]!({ id: 'ev-2', eventNo: 'CR-2026-0002' });
      await Promise.all([first, again, other]);
    });
    expect(await first).toEqual({ id: 'ev-1', eventNo: 'CR-2026-0001' });
    expect(await again).toEqual({ id: 'ev-1', eventNo: 'CR-2026-0001' });
    expect(await other).toEqual({ id: 'ev-2', eventNo: 'CR-2026-0002' });
    // Once the opening is over, the student's next alert is its own run again.
    act(() => void result.current.run(alertOf('al-4', 'st-1', '2026000001')));
    await waitFor(() => expect(fake.callsTo('crisis.open')).toHaveLength(3));
  });
});
