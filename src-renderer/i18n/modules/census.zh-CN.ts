/** census: Simplified Chinese. Same keys in census.en.ts. */
export const censusZhCN = {
  title: '新生心理普查',
};
