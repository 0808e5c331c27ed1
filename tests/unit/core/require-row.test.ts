import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { requireRow, type RowKind } from '../../../src-main/core/store/require-row';
import { expectError, setUpCore } from './helpers';

/** The NOT_FOUND reason each kind answered before the requireX helpers became one requireRow. */
const REASONS: Record<RowKind, string> = {
  account: 'accountNotFound',
  activity: 'activityNotFound',
  appointment: 'appointmentNotFound',
  assessment: 'assessmentNotFound',
  breakGlass: 'breakGlassNotFound',
  case: 'caseNotFound',
  censusBatch: 'censusBatchNotFound',
  censusFollowup: 'followupNotFound',
  course: 'courseNotFound',
  crisisEvent: 'crisisEventNotFound',
  destructionRequest: 'archiveRequestNotFound',
  disclosure: 'disclosureNotFound',
  familyContact: 'familyContactNotFound',
  group: 'groupNotFound',
  leadershipDecision: 'leadershipDecisionNotFound',
  leadershipEscalation: 'leadershipEscalationNotFound',
  referral: 'referralNotFound',
  report: 'reportNotFound',
  room: 'calendarRoomNotFound',
  safetyPlan: 'safetyPlanNotFound',
  supervision: 'supervisionNotFound',
  training: 'trainingNotFound',
};

function thrown(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a throw');
}

describe('requireRow(kind, id)', () => {
  it('answers NOT_FOUND with each kind’s own reason and nothing else, for an id that names nothing', async () => {
    const { core } = await setUpCore();
    const { db } = core.vault.requireStore();
    for (const [kind, reason] of Object.entries(REASONS)) {
      const error = thrown(() => requireRow(db, kind as RowKind, 'no-such-id'));
      expect(error, kind).toBeInstanceOf(AppError);
      expect({ kind, code: error.code, details: error.details }).toEqual({ kind, code: 'NOT_FOUND', details: { reason } });
    }
    expect(thrown(() => requireRow(db, 'case', 'no-such-id', 'noteCaseNotFound')).details).toEqual({ reason: 'noteCaseNotFound' });
  });

  it('returns the whole row when it exists', async () => {
    const { core } = await setUpCore();
    const { db } = core.vault.requireStore();
    const accountId = core.vault.requireSession().accountId;
    expect(requireRow(db, 'account', accountId)).toMatchObject({ id: accountId, username: 'admin01' });
  });

  it('reaches the caller through the channels unchanged', async () => {
    const { core } = await setUpCore();
    expectError(await core.call('cases.get', { id: 'no-such-id' }), 'NOT_FOUND', 'caseNotFound');
    expectError(await core.call('census.followups', { batchId: 'no-such-id' }), 'NOT_FOUND', 'censusBatchNotFound');
  });
});
