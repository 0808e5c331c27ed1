/** assessments: Simplified Chinese. Same keys in assessments.en.ts. */
export const assessmentsZhCN = {
  title: '心理测评',
};
