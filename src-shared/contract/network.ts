import { z } from 'zod';
import { channel } from './define';
import { empty, idInput, idSchema, roleSchema } from './schemas';
import { isoDateSchema } from './students';
import { importFileSchema } from './roster';
import { TEXT_MAX } from './limits';
import { optionalText, timestamps } from './refs';

/**
 * 工作网络: the school's four levels (工作方案 二): the leadership group, the working group, each
 * 院系's working group and each class's 班主任 and 心理委员. People without an account are entries
 * of the register (name, office, phone); a 心理委员 is a student of the roster.
 */
export const NETWORK_LEVELS = ['leadership', 'working', 'department', 'class'] as const;
export type NetworkLevel = (typeof NETWORK_LEVELS)[number];

export const NETWORK_ROLES = [
  // 领导小组
  'leader', // 组长
  'deputy_leader', // 副组长
  'member', // 成员
  // 工作小组
  'center_staff', // 心理咨询中心专职教师
  'department_counselor', // 院系心理辅导员
  'hospital_staff', // 校医院医务人员
  'security_staff', // 保卫处人员
  'working_member', // 其他成员
  // 院系工作小组
  'department_head', // 院系负责人 (组长)
  'student_affairs_lead', // 分管学生工作的领导
  'counselor', // 辅导员
  // 班级
  'class_teacher', // 班主任
  'peer_counselor', // 心理委员 (a roster student)
] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];

/** Which roles each level holds; a row whose role is not of its level is refused. */
export const NETWORK_ROLES_BY_LEVEL: Record<NetworkLevel, readonly NetworkRole[]> = {
  leadership: ['leader', 'deputy_leader', 'member'],
  working: ['center_staff', 'department_counselor', 'hospital_staff', 'security_staff', 'working_member'],
  department: ['department_head', 'student_affairs_lead', 'counselor'],
  class: ['class_teacher', 'peer_counselor'],
};

export function levelOfRole(role: NetworkRole): NetworkLevel {
  return NETWORK_LEVELS.find((level) => NETWORK_ROLES_BY_LEVEL[level].includes(role))!;
}

/** 学年 as 2026-2027 (September to August). */
export const schoolYearSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { message: 'schoolYearFormat' })
  .refine((value) => Number(value.slice(5)) === Number(value.slice(0, 4)) + 1, { message: 'schoolYearFormat' });

/** The school year a calendar date (YYYY-MM-DD) falls in: from September on, the next one starts. */
export function schoolYearOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return month >= 9 ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}

/** A register entry as a form edits it. */
export const networkPersonFieldsSchema = z.object({
  schoolYear: schoolYearSchema,
  role: z.enum(NETWORK_ROLES),
  /** For a 心理委员 the roster student's name is used (the field may be left empty). */
  name: z.string().trim().max(TEXT_MAX.personName).optional(),
  /** 单位/职务: 保卫处、校医院、计算机学院党委副书记… */
  office: optionalText(TEXT_MAX.shortName),
  phone: optionalText(TEXT_MAX.directoryPhone),
  department: optionalText(TEXT_MAX.department),
  grade: optionalText(TEXT_MAX.networkGrade),
  className: optionalText(TEXT_MAX.shortName),
  /** The roster student (a 心理委员 must be one). */
  studentId: idSchema.nullable().optional(),
  /** The app account of this person, when they have one. */
  accountId: idSchema.nullable().optional(),
  /** 任期 (term served). */
  termFrom: isoDateSchema.nullable().optional(),
  termTo: isoDateSchema.nullable().optional(),
  note: optionalText(TEXT_MAX.remark),
});
export type NetworkPersonFields = z.infer<typeof networkPersonFieldsSchema>;

export const networkPersonSchema = z.object({
  id: z.string(),
  schoolYear: z.string(),
  level: z.enum(NETWORK_LEVELS),
  role: z.enum(NETWORK_ROLES),
  name: z.string(),
  office: z.string().nullable(),
  phone: z.string().nullable(),
  department: z.string().nullable(),
  grade: z.string().nullable(),
  className: z.string().nullable(),
  studentId: z.string().nullable(),
  studentNo: z.string().nullable(),
  accountId: z.string().nullable(),
  accountName: z.string().nullable(),
  termFrom: z.string().nullable(),
  termTo: z.string().nullable(),
  note: z.string().nullable(),
  /** Set when the person left the register; kept because reports and steps name them. */
  retiredAt: z.string().nullable(),
  /** Chinese description for records, e.g. 计算机学院 2026级计算1班 心理委员 张三. */
  label: z.string(),
  ...timestamps,
});
export type NetworkPerson = z.infer<typeof networkPersonSchema>;

export const networkPeopleFilterSchema = z
  .object({
    schoolYear: schoolYearSchema.optional(),
    /** Name, pinyin-free substring of name, office, department or class. */
    query: z.string().trim().max(TEXT_MAX.shortName).optional(),
    level: z.enum(NETWORK_LEVELS).optional(),
    roles: z.array(z.enum(NETWORK_ROLES)).max(NETWORK_ROLES.length).optional(),
    department: z.string().trim().max(TEXT_MAX.department).optional(),
    className: z.string().trim().max(TEXT_MAX.shortName).optional(),
    studentId: idSchema.optional(),
    includeRetired: z.boolean().optional(),
    limit: z.number().int().min(1).max(2000).optional(),
  })
  .strict();
export type NetworkPeopleFilter = z.infer<typeof networkPeopleFilterSchema>;

/** Reasons a register row of an import file is rejected. */
export const NETWORK_IMPORT_PROBLEMS = [
  'missingSchoolYear',
  'badSchoolYear',
  'unknownRole',
  'missingName',
  'missingDepartment',
  'missingClass',
  'missingStudentNo',
  'unknownStudent',
  'unknownAccount',
  'badDate',
  'fieldTooLong',
  'duplicateInFile',
  'controlCharacter',
  'undecodable',
] as const;
export type NetworkImportProblem = (typeof NETWORK_IMPORT_PROBLEMS)[number];

export const networkImportPlanSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.enum(NETWORK_IMPORT_PROBLEMS), field: z.string().nullable(), value: z.string().nullable() })),
});
export type NetworkImportPlan = z.infer<typeof networkImportPlanSchema>;

const fileOutput = z.object({ fileName: z.string(), contentBase64: z.string() });

export const networkChannels = {
  'network.people': channel({
    summary: 'People of the work network (工作网络) of a school year, with their role; liaisons see the school levels and their own department.',
    permission: 'network.read',
    input: networkPeopleFilterSchema,
    output: z.object({ schoolYear: z.string(), rows: z.array(networkPersonSchema) }),
  }),
  'network.accounts': channel({
    summary: 'Enabled accounts (names, roles, department), to pick alongside register people.',
    permission: 'network.read',
    input: empty,
    output: z.object({ rows: z.array(z.object({ id: z.string(), displayName: z.string(), roles: z.array(roleSchema), department: z.string().nullable() })) }),
  }),
  'network.get': channel({
    summary: 'One register entry.',
    permission: 'network.read',
    input: idInput('id'),
    output: networkPersonSchema,
  }),
  'network.years': channel({
    summary: 'School years that have a register, and the current one.',
    permission: 'network.read',
    input: empty,
    output: z.object({ current: z.string(), years: z.array(z.string()) }),
  }),
  'network.ofStudent': channel({
    summary: "A student's roles in the network (心理委员 with the term) and the 班主任/心理委员 of the student's class.",
    permission: 'network.read',
    input: z.object({ studentId: idSchema, schoolYear: schoolYearSchema.optional() }).strict(),
    output: z.object({ roles: z.array(networkPersonSchema), classPeople: z.array(networkPersonSchema) }),
  }),
  'network.ofClass': channel({
    summary: 'The 班主任 and 心理委员 of a class in a school year.',
    permission: 'network.read',
    input: z
      .object({
        department: z.string().trim().max(TEXT_MAX.department).optional(),
        grade: z.string().trim().max(TEXT_MAX.networkGrade).optional(),
        className: z.string().trim().min(1).max(TEXT_MAX.shortName),
        schoolYear: schoolYearSchema.optional(),
      })
      .strict(),
    output: z.object({ rows: z.array(networkPersonSchema) }),
  }),
  'network.create': channel({
    summary: 'Add a person to the register (an entry without an account: name, office, phone).',
    permission: 'network.manage',
    input: networkPersonFieldsSchema.strict(),
    output: networkPersonSchema,
  }),
  'network.update': channel({
    summary: 'Correct a register entry.',
    permission: 'network.manage',
    input: z.object({ id: idSchema, patch: networkPersonFieldsSchema.partial().strict() }).strict(),
    output: networkPersonSchema,
  }),
  'network.retire': channel({
    summary: 'Take a person off the register (the entry stays for the records that name it).',
    permission: 'network.manage',
    input: idInput('id'),
    output: networkPersonSchema,
  }),
  'network.template': channel({
    summary: 'The .xlsx template for a register import (headers and one example row per level).',
    permission: 'network.read',
    input: empty,
    output: fileOutput,
  }),
  'network.export': channel({
    summary: 'The register of a school year as .xlsx (the import template columns).',
    permission: 'network.manage',
    input: z.object({ schoolYear: schoolYearSchema.optional() }).strict(),
    output: fileOutput,
  }),
  'network.preview': channel({
    summary: 'Check a register file (.xlsx/.csv): new / updated / unchanged rows and rejected rows with reasons; nothing is written.',
    permission: 'network.manage',
    input: importFileSchema.strict(),
    output: networkImportPlanSchema.extend({ headers: z.array(z.string()), missingColumns: z.array(z.string()) }),
  }),
  'network.import': channel({
    summary: 'Import the accepted rows of a register file in one transaction (same check as network.preview).',
    permission: 'network.manage',
    input: importFileSchema.strict(),
    output: networkImportPlanSchema,
  }),
} as const;

/** The reasons (AppError details.reason) the network core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const NETWORK_ERROR_REASONS = [
  'networkPersonNotFound',
  'networkPersonRetired',
  'networkStudentNotFound',
  'networkPeerCounselorNeedsStudent',
  'networkNameRequired',
  'networkDepartmentRequired',
  'networkClassRequired',
  'networkAccountNotFound',
  'networkTermOrder',
  'networkImportColumnsMissing',
  'schoolYearFormat',
  'missingSchoolYear',
  'badSchoolYear',
  'unknownRole',
  'missingDepartment',
  'missingClass',
  'unknownStudent',
  'unknownAccount',
] as const;
