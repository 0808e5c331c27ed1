import type { PartialHandlerMap } from '../handler-types';
import { sessionInfo } from '../vault';

type AuthChannels =
  | 'app.status'
  | 'setup.initialize'
  | 'auth.signIn'
  | 'auth.lock'
  | 'auth.touch'
  | 'auth.changePassword'
  | 'auth.recoveryAccounts'
  | 'auth.recover';

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
    return sessionInfo(session, ctx.vault.idleLockMinutes());
  },
};
