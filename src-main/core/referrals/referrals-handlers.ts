/** Handlers of the referrals channels: filled in with the module. */
export const referralsHandlers = {};
