import type { TFunction } from 'i18next';
import { studentFieldsSchema, type Student, type StudentFields } from '../../../src-shared/contract';
import { issueMessage, type Issue } from '../../i18n/errors';

/** The form's own field names are the contract's (studentFieldsSchema), so issue paths map 1:1. */
export const TEXT_FIELDS = ['department', 'major', 'grade', 'className', 'dorm', 'phone', 'departmentCounselor'] as const;
/** `guardians: z.array(guardianSchema).max(4)` in the contract. */
export const MAX_GUARDIANS = 4;

export interface GuardianValues {
  name?: string;
  phone?: string | null;
  relation?: string | null;
}

export interface StudentFormValues {
  studentNo?: string;
  name?: string;
  gender?: Student['gender'];
  /** YYYY-MM-DD from the date picker, or the text typed when it is not a date (so the schema says why). */
  birthDate?: string | null;
  department?: string | null;
  major?: string | null;
  grade?: string | null;
  className?: string | null;
  dorm?: string | null;
  phone?: string | null;
  departmentCounselor?: string | null;
  guardians?: GuardianValues[];
  status?: Student['status'];
}

export type FieldPath = (string | number)[];
export type FieldErrors = { name: FieldPath; errors: string[] }[];

const blankToNull = (value: string | null | undefined): string | null => {
  const text = (value ?? '').trim();
  return text === '' ? null : text;
};

/** What the form holds, as the contract's input: trimmed, blanks as null, empty guardian rows dropped. */
export function formToFields(values: StudentFormValues): Record<string, unknown> {
  const guardians = (values.guardians ?? [])
    .map((g) => ({ name: (g?.name ?? '').trim(), phone: blankToNull(g?.phone), relation: blankToNull(g?.relation) }))
    .filter((g) => g.name !== '' || g.phone !== null || g.relation !== null);
  const fields: Record<string, unknown> = {
    studentNo: (values.studentNo ?? '').trim(),
    name: (values.name ?? '').trim(),
    gender: values.gender ?? null,
    birthDate: blankToNull(values.birthDate),
    guardians,
    status: values.status ?? 'enrolled',
  };
  for (const field of TEXT_FIELDS) fields[field] = blankToNull(values[field]);
  return fields;
}

export function studentToForm(student: Student): StudentFormValues {
  const { id: _id, source: _s, createdAt: _c, updatedAt: _u, ...fields } = student;
  return { ...fields, guardians: student.guardians.map((g) => ({ ...g })) };
}

/** One translated sentence for a zod issue of studentFieldsSchema. */
export function studentIssueMessage(issue: Issue, t: TFunction, typed?: unknown): string {
  if (issue.message === 'studentNoChars') return t('students.validation.studentNoChars');
  if (issue.message === 'dateFormat' || issue.message === 'dateInvalid') {
    return typeof typed === 'string' && typed.trim() ? t('students.validation.dateTyped', { value: typed.trim() }) : t('students.validation.dateInvalid');
  }
  return issueMessage(issue, t);
}

function valueAt(fields: Record<string, unknown>, path: FieldPath): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[key] : undefined), fields);
}

/**
 * Validates with the contract's own schema, so the form refuses exactly what the core would.
 * The first issue of each field wins (an empty 学号 is "required", not also "wrong characters").
 */
export function validateStudentForm(values: StudentFormValues, t: TFunction): { ok: true; fields: StudentFields } | { ok: false; errors: FieldErrors } {
  const fields = formToFields(values);
  const parsed = studentFieldsSchema.safeParse(fields);
  if (parsed.success) return { ok: true, fields: parsed.data };
  const errors = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const raw of parsed.error.issues) {
    const issue = raw as unknown as Issue;
    // guardians.1.name stays nested (Form.List); a guardian issue on the row itself goes to its name.
    const path = issue.path.length === 2 && issue.path[0] === 'guardians' ? [...issue.path, 'name'] : [...issue.path];
    const key = path.join('.');
    if (errors.has(key)) continue;
    errors.set(key, { name: path, errors: [studentIssueMessage(issue, t, valueAt(fields, path))] });
  }
  return { ok: false, errors: [...errors.values()] };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Only what changed, for `students.update` (the audit log then names exactly the edited fields). */
export function studentPatch(student: Student, fields: StudentFields): Partial<StudentFields> {
  const patch: Partial<StudentFields> = {};
  for (const key of Object.keys(fields) as (keyof StudentFields)[]) {
    const before = key === 'studentNo' ? student.studentNo : student[key];
    const after = key === 'studentNo' ? fields.studentNo.toUpperCase() : fields[key];
    if (!same(before, after)) (patch as Record<string, unknown>)[key] = fields[key];
  }
  return patch;
}

/**
 * Dates as people type them (2007-09-01, 2007/9/1, 2007.9.1, 20070901, 2007年9月1日) -> YYYY-MM-DD,
 * or null when the text is not a real calendar date.
 */
export function readTypedDate(text: string): string | null {
  const value = text.trim();
  const match = value.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? value.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${match[1]}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
