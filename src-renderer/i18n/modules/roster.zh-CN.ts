/** roster: Simplified Chinese. Same keys in roster.en.ts. */
export const rosterZhCN = {
  title: '导入花名册',
};
