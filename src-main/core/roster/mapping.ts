import { ROSTER_FIELDS, type RosterField, type RosterMapping } from '../../../src-shared/contract/roster';

/** Header names registrars and Excel templates use, normalised (see `normalizeHeader`). */
const PRESETS: Record<RosterField, string[]> = {
  studentNo: ['学号', '学生学号', '学籍号', '学生编号', 'studentno', 'studentid', 'no'],
  name: ['姓名', '学生姓名', 'name', 'studentname'],
  gender: ['性别', 'gender', 'sex'],
  birthDate: ['出生日期', '生日', '出生年月日', '出生年月', 'birthdate', 'dateofbirth', 'birthday'],
  department: ['院系', '学院', '所在院系', '所在学院', '院系名称', '学院名称', '系别', 'department', 'college', 'faculty'],
  major: ['专业', '专业名称', 'major'],
  grade: ['年级', 'grade', 'year'],
  className: ['班级', '班级名称', '行政班', 'class', 'classname'],
  dorm: ['宿舍', '寝室', '宿舍号', '寝室号', '宿舍地址', 'dorm', 'dormitory'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '本人电话', 'phone', 'mobile'],
  departmentCounselor: ['辅导员', '辅导员姓名', 'counselor'],
  guardianName: ['家长姓名', '监护人', '监护人姓名', '家长', '父母姓名', 'guardian', 'guardianname', 'parentname'],
  guardianPhone: ['家长电话', '家长联系电话', '家长手机', '监护人电话', '监护人联系电话', 'guardianphone', 'parentphone'],
};

/** The template's header per field: the first preset, so the template maps itself on import. */
export function templateHeader(field: RosterField): string {
  return PRESETS[field][0];
}

/** Drop spaces, case, punctuation and "(必填)"-style notes, so `学号*` and `学 号` match. */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[（(][^)）]*[)）]/g, '')
    .replace(/[\s_*:：.\-/]/g, '');
}

export function detectMapping(headers: readonly string[]): RosterMapping {
  const mapping: RosterMapping = {};
  const used = new Set<string>();
  for (const field of ROSTER_FIELDS) {
    const header = headers.find((h) => !used.has(h) && PRESETS[field].includes(normalizeHeader(h)));
    mapping[field] = header ?? null;
    if (header) used.add(header);
  }
  return mapping;
}

/** A remembered mapping applies only when every column it names is in this file. */
export function mappingFits(mapping: RosterMapping, headers: readonly string[]): boolean {
  const named = Object.values(mapping).filter((h): h is string => typeof h === 'string');
  return named.length > 0 && named.every((h) => headers.includes(h)) && typeof mapping.studentNo === 'string';
}

/** What stops a mapping from being imported: a column it names is absent, or no 学号 column. */
export function mappingProblems(mapping: RosterMapping, headers: readonly string[]): string[] {
  const problems: string[] = [];
  if (typeof mapping.studentNo !== 'string') problems.push('mappingNeedsStudentNo');
  if (Object.values(mapping).some((h) => typeof h === 'string' && !headers.includes(h))) problems.push('mappingColumnMissing');
  return problems;
}
