/** auditlog: 简体中文. */
export const auditlogZhCN = {
  title: '审计日志',
  errors: {},
};
