import type { Navigate } from '../router';

/** 导入花名册 (placeholder until the roster screens land). */
export function RosterImport(_props: { onNavigate: Navigate }) {
  return null;
}
