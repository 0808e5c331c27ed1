/** reports: Simplified Chinese. Same keys in reports.en.ts. `errors` holds the reasons the reports core sends. */
export const reportsZhCN = {
  title: '上报与分诊',
  errors: {},
};
