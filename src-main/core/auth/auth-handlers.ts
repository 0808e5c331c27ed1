import { archiveDueCases } from '../archive/archiving';
import { SYSTEM_ACTOR } from '../store/unit-of-work';
import type { CallContext, PartialHandlerMap } from '../handler-types';
import { sessionInfo } from '../vault';
import { channels } from '../../../src-shared/contract';
import { scopeFor } from '../../../src-shared/permissions';
import { warmStudentIndex } from '../students/search-index';

type AuthChannels =
  'app.status' | 'setup.initialize' | 'auth.signIn' | 'auth.lock' | 'auth.touch' | 'auth.changePassword' | 'auth.recoveryAccounts' | 'auth.recover';

export const authHandlers: PartialHandlerMap<AuthChannels> = {
  'app.status': ({ vault, version }) => ({
    initialized: vault.isInitialized(),
    locked: vault.openStore === null,
    version,
    session: vault.session ? sessionInfo(vault.session, vault.idleLockMinutes()) : null,
    studentMode: vault.studentModeAssessmentId !== null,
  }),

  'setup.initialize': (ctx, input) => ctx.vault.initialize(input),

  'auth.signIn': async (ctx, input) => {
    const session = await ctx.vault.signIn(input.username, input.password);
    ctx.markActive();
    archiveOnUnlock(ctx);
    warmSearchOnUnlock(ctx);
    return sessionInfo(session, ctx.vault.idleLockMinutes());
  },

  'auth.lock': (ctx) => {
    if (ctx.vault.lock()) ctx.emit('session.locked', { reason: 'manual' });
    return { locked: true as const };
  },

  'auth.touch': (ctx) => {
    ctx.markActive();
    return { idleLockAt: ctx.idleLockAt().toISOString() };
  },

  'auth.changePassword': async (ctx, input) => {
    const session = await ctx.vault.changeOwnPassword(input.currentPassword, input.newPassword);
    return sessionInfo(session, ctx.vault.idleLockMinutes());
  },

  'auth.recoveryAccounts': async (ctx, input) => ({ admins: await ctx.vault.recoveryAdmins(input.recoveryCode) }),

  'auth.recover': async (ctx, input) => {
    const session = await ctx.vault.recover(input.recoveryCode, input.username, input.newPassword);
    ctx.markActive();
    archiveOnUnlock(ctx);
    warmSearchOnUnlock(ctx);
    return sessionInfo(session, ctx.vault.idleLockMinutes());
  },
};

/**
 * Closed cases past the archive period move to the archive whenever the store is opened, so the
 * period holds even on a workstation nobody visits the archive screen on. Housekeeping: it never
 * stands in the way of signing in.
 */
function archiveOnUnlock(ctx: CallContext): void {
  try {
    archiveDueCases(ctx.vault.requireStore(), SYSTEM_ACTOR, ctx.clock.now());
  } catch {
    // The archive screen and archive.runDue try again.
  }
}

/**
 * The student search index is built in the background after sign-in (slices between other calls),
 * so the first search does not wait for it. Only for someone who may search: the index lives with
 * this open store and goes with it at lock.
 */
function warmSearchOnUnlock(ctx: CallContext): void {
  const session = ctx.vault.session;
  const store = ctx.vault.openStore;
  if (!session || !store || session.mustChangePassword || scopeFor(session.roles, channels['students.search'].permission) === null) return;
  warmStudentIndex(store);
}
