import type { ChannelInput, Student, StudentListItem } from '../../src-shared/contract';
import { syntheticStudent } from './synthetic';

/**
 * Synthetic students for the renderer's fake bridge: list items computed from their index, so a
 * "school" of 100,000 costs nothing until a page is asked for.
 */
export function listItem(i: number): StudentListItem {
  const s = syntheticStudent(i);
  return {
    id: `stu-${i + 1}`,
    studentNo: s.学号,
    name: s.姓名,
    gender: s.性别 === '男' ? 'male' : 'female',
    department: s.院系,
    grade: s.年级,
    className: s.班级,
    status: i % 50 === 7 ? 'leave' : 'enrolled',
  };
}

export function fullStudent(i: number, overrides: Partial<Student> = {}): Student {
  const s = syntheticStudent(i);
  return {
    ...listItem(i),
    birthDate: s.出生日期,
    major: s.专业,
    dorm: s.宿舍,
    phone: s.联系电话,
    departmentCounselor: s.辅导员,
    guardians: [{ name: s.家长姓名, phone: s.家长电话, relation: '父亲' }],
    source: 'roster',
    createdAt: '2025-09-01T02:30:00.000Z',
    updatedAt: '2025-09-01T02:30:00.000Z',
    ...overrides,
  };
}

/** `students.search` over `total` synthetic students; a query filters by name / 学号 prefix within the first `total`. */
export function searchHandler(total: number) {
  return (input: ChannelInput<'students.search'>) => {
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 50;
    const query = (input.query ?? '').trim();
    if (query) {
      // Small and exact enough for tests: `zs` and 张 find the 张 students among the first 200.
      const pool = Array.from({ length: Math.min(total, 200) }, (_, i) => listItem(i));
      const found = pool.filter((s) => (query === 'zs' ? s.name.startsWith('张') : s.name.includes(query) || s.studentNo.startsWith(query)));
      return { total: found.length, rows: found.slice(offset, offset + limit) };
    }
    const count = Math.max(0, Math.min(limit, total - offset));
    return { total, rows: Array.from({ length: count }, (_, i) => listItem(offset + i)) };
  };
}

export const FACETS = {
  departments: ['外国语学院', '计算机学院', '经济管理学院'],
  grades: ['2025级', '2026级'],
  classes: ['计算1班', '计算2班', '外国1班'],
};
