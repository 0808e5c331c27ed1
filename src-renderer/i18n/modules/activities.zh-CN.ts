/** activities: Simplified Chinese. Same keys in activities.en.ts. `errors` holds the reasons the activities core sends. */
export const activitiesZhCN = {
  title: '教育活动',
  errors: {},
};
