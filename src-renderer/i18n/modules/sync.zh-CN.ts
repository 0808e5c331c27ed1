/** sync: 简体中文. */
export const syncZhCN = {
  title: '导出到学校服务器',
  errors: {},
};
