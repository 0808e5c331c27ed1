/** archive: 简体中文. */
export const archiveZhCN = {
  title: '档案',
  errors: {},
};
