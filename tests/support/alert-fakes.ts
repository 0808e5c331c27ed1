import type { ChannelOutput } from '../../src-shared/contract';

export type Alert = ChannelOutput<'alerts.list'>[number];

/**
 * An open critical alert as alerts.list returns it (synthetic student): PHQ-9 item 9 answered on a
 * screening. Tests change what their case is about through `overrides`.
 */
export function criticalAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    student: { id: 'st-1', studentNo: '2026000001', name: '测试学生' },
    source: 'assessment',
    assessmentId: 'as-1',
    reportId: null,
    instrument: 'phq9',
    item: 9,
    code: 'PHQ9_ITEM9',
    level: 'CRITICAL',
    createdAt: '2026-03-02T02:15:00.000Z',
    acknowledgedBy: null,
    acknowledgedAt: null,
    actionTaken: null,
    ...overrides,
  };
}
