/** cases: Simplified Chinese. Same keys in cases.en.ts. `errors` holds the reasons the cases core sends. */
export const casesZhCN = {
  title: '个案',
  errors: {},
};
