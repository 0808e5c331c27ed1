/** notes: Simplified Chinese. Same keys in notes.en.ts. `errors` holds the reasons the notes core sends. */
export const notesZhCN = {
  title: '咨询记录',
  errors: {},
};
