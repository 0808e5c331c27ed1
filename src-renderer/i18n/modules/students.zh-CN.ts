/** students: Simplified Chinese. Same keys in students.en.ts. */
export const studentsZhCN = {
  title: '学生档案',
};
