import type { EducationFigures } from '../../../src-shared/contract/education-figures';
import type { StatisticsCell } from '../../../src-shared/contract/statistics';
import { TRAINING_AUDIENCES, type TrainingAudience } from '../../../src-shared/contract/training';
import { coverageRate, rosterOfGrade } from '../courses/course-service';
import type { ReadSqlite } from '../store/read-sqlite';
import { semesterSpan } from './periods';
import { cell, rate } from './suppression';

/**
 * Training, course and supervision figures of a period (issue 17 items 3–4): aggregates only.
 * Trainings and courses are dated by their day / term; with a department, only that department's
 * trainings and the courses that name it count (school-wide ones count in the whole-school view).
 */

export const EDUCATION_SQL = {
  training: `SELECT t.audience AS audience, count(DISTINCT t.id) AS sessions,
      (SELECT coalesce(sum(x.hours), 0) FROM training_sessions x WHERE x.audience = t.audience AND x.date BETWEEN @startDate AND @endDate AND (@dept IS NULL OR x.department = @dept)) AS hours,
      count(a.id) AS attendances, count(DISTINCT a.person_key) AS people, coalesce(sum(CASE WHEN a.id IS NOT NULL THEN t.hours END), 0) AS personHours
    FROM training_sessions t LEFT JOIN training_attendance a ON a.session_id = t.id AND a.attended = 1
    WHERE t.date BETWEEN @startDate AND @endDate AND (@dept IS NULL OR t.department = @dept)
    GROUP BY t.audience`,
  courses: `SELECT c.name AS name, c.kind AS kind, c.school_year AS schoolYear, c.term AS term, c.grade AS grade, c.hours AS hours,
      c.enrolled AS enrolled, c.departments AS departments
    FROM mental_health_courses c
    WHERE c.school_year BETWEEN @firstYear AND @lastYear AND (@dept IS NULL OR EXISTS (SELECT 1 FROM json_each(c.departments) d WHERE d.value = @dept))
    ORDER BY c.school_year, c.term, c.name`,
  supervision: `SELECT s.value AS account, a.display_name AS name, count(*) AS sessions, sum(v.hours) AS hours
    FROM supervision_sessions v, json_each(v.supervisees) s LEFT JOIN accounts a ON a.id = s.value
    WHERE v.date BETWEEN @startDate AND @endDate
    GROUP BY s.value ORDER BY name`,
} as const;

const round1 = (n: number) => Math.round(n * 10) / 10;

interface Params {
  startDate: string;
  endDate: string;
  dept: string | null;
}

export function educationFigures(sqlite: ReadSqlite, params: Params, suppress: boolean): EducationFigures {
  const base = { startDate: params.startDate, endDate: params.endDate, dept: params.dept };
  const trainingRows = sqlite.prepare(EDUCATION_SQL.training).all(base) as {
    audience: TrainingAudience;
    sessions: number;
    hours: number;
    attendances: number;
    people: number;
    personHours: number;
  }[];
  const training = TRAINING_AUDIENCES.flatMap((audience) => {
    const row = trainingRows.find((r) => r.audience === audience);
    if (!row) return [];
    const small = suppress && row.people > 0 && row.people < 5;
    return [
      {
        audience,
        sessions: row.sessions,
        hours: round1(row.hours),
        attendances: cell(row.attendances, row.people, suppress),
        people: cell(row.people, row.people, suppress),
        personHours: small ? null : round1(row.personHours),
      },
    ];
  });

  // A term counts when its dates overlap the period (the default semester windows).
  const firstYear = Number(params.startDate.slice(0, 4)) - 1;
  const lastYear = Number(params.endDate.slice(0, 4));
  const courseRows = sqlite.prepare(EDUCATION_SQL.courses).all({ firstYear, lastYear, dept: params.dept }) as {
    name: string;
    kind: 'compulsory' | 'elective';
    schoolYear: number;
    term: 'autumn' | 'spring';
    grade: string | null;
    hours: number;
    enrolled: number;
    departments: string;
  }[];
  const courses = courseRows
    .filter((c) => {
      const span = semesterSpan(c.schoolYear, c.term, null);
      return span.start <= params.endDate && span.end >= params.startDate;
    })
    .map((c) => {
      const departments = params.dept ? [params.dept] : (JSON.parse(c.departments) as string[]);
      const rosterCount = rosterOfGrade(sqlite, c.grade, departments);
      const enrolled: StatisticsCell = cell(c.enrolled, c.enrolled, suppress);
      const roster = rosterCount === null ? null : cell(rosterCount, rosterCount, suppress);
      return {
        name: c.name,
        kind: c.kind,
        schoolYear: c.schoolYear,
        term: c.term,
        grade: c.grade,
        hours: c.hours,
        enrolled,
        roster,
        coverage: suppress ? rate(enrolled, roster) : coverageRate(c.enrolled, rosterCount),
      };
    });

  const supervisionRows = sqlite.prepare(EDUCATION_SQL.supervision).all(base) as { account: string; name: string | null; sessions: number; hours: number }[];
  const distinctSessions = sqlite
    .prepare('SELECT count(*) AS sessions, coalesce(sum(hours), 0) AS hours FROM supervision_sessions WHERE date BETWEEN @startDate AND @endDate')
    .get(base) as { sessions: number; hours: number };
  return {
    training,
    courses,
    supervision: {
      counselors: supervisionRows.length,
      sessions: distinctSessions.sessions,
      hours: round1(distinctSessions.hours),
      perCounselor: suppress ? [] : supervisionRows.map((r) => ({ name: r.name ?? '—', sessions: r.sessions, hours: round1(r.hours) })),
    },
  };
}

const AUDIENCE_ZH: Record<TrainingAudience, string> = {
  counseling_staff: '专兼职心理辅导人员',
  counselors_and_class_teachers: '辅导员/班主任',
  peer_counselors: '心理委员',
  student_cadres: '学生干部',
};
const TERM_ZH = { autumn: '秋季学期', spring: '春季学期' } as const;
const KIND_ZH = { compulsory: '必修', elective: '选修' } as const;

type Row = (string | number | null)[];

/** The rows of the Chinese exports: one sheet each for training, courses and supervision. */
export function educationSheets(figures: EducationFigures): { name: string; header: string[]; rows: Row[] }[] {
  return [
    {
      name: '培训',
      header: ['培训对象', '场次', '培训时长（小时）', '参训人次', '参训人数', '参训学时（人·小时）'],
      rows: figures.training.map((r) => [AUDIENCE_ZH[r.audience], r.sessions, r.hours, r.attendances, r.people, r.personHours ?? '—']),
    },
    {
      name: '心理健康教育课程',
      header: ['课程', '类别', '学期', '年级', '学时', '选课人数', '年级在籍人数', '覆盖率'],
      rows: figures.courses.map((c) => [
        c.name,
        KIND_ZH[c.kind],
        `${c.schoolYear}–${c.schoolYear + 1}学年${TERM_ZH[c.term]}`,
        c.grade ?? '—',
        c.hours,
        c.enrolled,
        c.roster ?? '—',
        c.coverage === null ? '—' : `${c.coverage}%`,
      ]),
    },
    {
      name: '督导',
      header: ['项目', '数值'],
      rows: [
        ['接受督导的咨询师人数', figures.supervision.counselors],
        ['督导次数', figures.supervision.sessions],
        ['督导时长（小时）', figures.supervision.hours],
        ...figures.supervision.perCounselor.map((r): Row => [`${r.name}（次数 / 小时）`, `${r.sessions} / ${r.hours}`]),
      ],
    },
  ];
}
