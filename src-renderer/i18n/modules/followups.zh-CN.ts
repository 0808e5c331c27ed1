/** followups: Simplified Chinese. Same keys in followups.en.ts. `errors` holds the reasons the followups core sends. */
export const followupsZhCN = {
  title: '随访与休复学',
  errors: {},
};
