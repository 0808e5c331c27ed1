/** print: 简体中文. */
export const printZhCN = {
  title: '打印',
  errors: {},
};
