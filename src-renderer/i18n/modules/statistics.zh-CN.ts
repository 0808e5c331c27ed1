/** statistics: 简体中文. */
export const statisticsZhCN = {
  title: '统计',
  errors: {},
};
