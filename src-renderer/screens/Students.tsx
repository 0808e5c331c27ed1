import type { Navigate } from '../router';

/** 学生档案: the student list (placeholder until the students screens land). */
export function Students(_props: { onNavigate: Navigate }) {
  return null;
}
