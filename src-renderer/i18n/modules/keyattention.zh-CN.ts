/** keyattention: Simplified Chinese. Same keys in keyattention.en.ts. `errors` holds the reasons the keyattention core sends. */
export const keyattentionZhCN = {
  title: '重点关注学生库',
  errors: {},
};
