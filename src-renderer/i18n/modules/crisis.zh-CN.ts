/** crisis: Simplified Chinese. Same keys in crisis.en.ts. `errors` holds the reasons the crisis core sends. */
export const crisisZhCN = {
  title: '危机干预',
  errors: {},
};
