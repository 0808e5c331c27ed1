import type { NetworkRole } from '../../../src-shared/contract/network';

/** Role words in the data's language (records keep this text, e.g. a report's reporter). */
export const NETWORK_ROLE_ZH: Record<NetworkRole, string> = {
  leader: '领导小组组长',
  deputy_leader: '领导小组副组长',
  member: '领导小组成员',
  center_staff: '心理咨询中心专职教师',
  department_counselor: '院系心理辅导员',
  hospital_staff: '校医院医务人员',
  security_staff: '保卫处人员',
  working_member: '工作小组成员',
  department_head: '院系负责人',
  student_affairs_lead: '分管学生工作的领导',
  counselor: '辅导员',
  class_teacher: '班主任',
  peer_counselor: '心理委员',
};

/**
 * 计算机学院 2026级计算1班 心理委员 张三 / 保卫处 保卫处人员 李四: where the person sits, the role,
 * the name. The office comes first for people outside the 院系 (保卫处值班人员, 校医院).
 */
export function personLabel(row: {
  role: NetworkRole;
  name: string;
  office: string | null;
  department: string | null;
  grade: string | null;
  className: string | null;
}): string {
  const place = [row.department, `${row.grade ?? ''}${row.className ?? ''}`].filter((part) => part && part.length > 0);
  if (place.length === 0 && row.office) place.push(row.office);
  return [...place, NETWORK_ROLE_ZH[row.role], row.name].join(' ');
}
