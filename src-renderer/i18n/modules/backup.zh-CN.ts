/** backup: 简体中文. */
export const backupZhCN = {
  title: '备份与恢复',
  errors: {},
};
