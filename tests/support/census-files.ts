import { rosterRows } from './synthetic';

/**
 * A synthetic census export: 学号, 姓名, then SCL-90 items 1..90 and UPI items 1..60 (numbering
 * restarts, as platforms write one block per questionnaire), plus the UPI supplementary columns.
 * Each student's pattern is chosen so the expected screening is known without the scorer.
 */
export type CensusPattern = 'calm' | 'sclPositive' | 'upiCat1' | 'upiCat2' | 'upiItem25';

export interface CensusStudent {
  studentNo: string;
  name: string;
  pattern: CensusPattern;
}

const UPI_COUNTED = Array.from({ length: 60 }, (_, i) => i + 1).filter((n) => ![5, 20, 35, 50, 8, 16, 25, 26].includes(n));

export function censusAnswers(pattern: CensusPattern): { scl: number[]; upi: number[] } {
  // Positive by total (179 > 160) without touching a critical item: item 15 stays at 1.
  const scl = Array(90).fill(pattern === 'sclPositive' ? 2 : 1);
  if (pattern === 'sclPositive') scl[14] = 1;
  const upi = Array(60).fill(0);
  const yes = (n: number) => (upi[n - 1] = 1);
  if (pattern === 'upiCat1') UPI_COUNTED.slice(0, 26).forEach(yes);
  if (pattern === 'upiCat2') UPI_COUNTED.slice(0, 21).forEach(yes);
  if (pattern === 'upiItem25') yes(25);
  return { scl, upi };
}

export const CENSUS_HEADERS = [
  '学号',
  '姓名',
  ...Array.from({ length: 90 }, (_, i) => `T${i + 1}`),
  ...Array.from({ length: 60 }, (_, i) => `${i + 1}`),
  '主动要求咨询',
  '附加题1',
  '附加题2',
  '附加题3',
  '附加题4',
];

export function censusRow(student: CensusStudent, style: 'numbers' | 'letters' | 'labels'): string[] {
  const { scl, upi } = censusAnswers(student.pattern);
  const sclCell = (v: number) => (style === 'numbers' ? String(v) : style === 'letters' ? 'ABCDE'[v - 1] : ['没有', '很轻', '中等', '偏重', '严重'][v - 1]);
  const upiCell = (v: number) => (style === 'numbers' ? String(v) : style === 'letters' ? (v ? 'A' : 'B') : v ? '是' : '否');
  return [student.studentNo, student.name, ...scl.map(sclCell), ...upi.map(upiCell), upiCell(0), upiCell(0), upiCell(0), upiCell(0), upiCell(0)];
}

const PATTERNS: CensusPattern[] = ['calm', 'calm', 'sclPositive', 'upiCat1', 'upiCat2', 'upiItem25', 'calm', 'calm'];

/** Census students matching the first `count` roster rows of tests/support/synthetic.ts. */
export function censusStudents(count: number): CensusStudent[] {
  return rosterRows(count).map((row, i) => ({ studentNo: row[0], name: row[1], pattern: PATTERNS[i % PATTERNS.length] }));
}
