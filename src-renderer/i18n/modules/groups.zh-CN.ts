/** groups: Simplified Chinese. Same keys in groups.en.ts. `errors` holds the reasons the groups core sends. */
export const groupsZhCN = {
  title: '团体辅导',
  errors: {},
};
