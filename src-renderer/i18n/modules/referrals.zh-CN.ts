/** referrals: Simplified Chinese. Same keys in referrals.en.ts. `errors` holds the reasons the referrals core sends. */
export const referralsZhCN = {
  title: '转介与保密例外',
  errors: {},
};
