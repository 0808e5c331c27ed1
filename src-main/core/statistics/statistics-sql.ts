/**
 * The statistics query path: aggregates only (GROUP BY, count, sum), written out as SQL so a
 * test can read every statement. None of them names a clinical column (note bodies, item
 * responses, reasons, descriptions, summaries, letters), and none returns a row per student.
 *
 * Parameters: @from/@to are UTC instants (end exclusive), @startDate/@endDate local dates (both
 * included), @dept a department or NULL for every department.
 */

const IN_DEPARTMENT = '(@dept IS NULL OR s.department = @dept)';

/**
 * A row's student in the department, as a list of the department's students' ids rather than a
 * join into students per row: with no department (the whole school) SQLite still joined each of a
 * decade's rows to its student, for nothing. Every table filtered this way has a NOT NULL student_id
 * that foreign keys keep pointing at a student, so the rows counted are the join's.
 */
export function studentInDepartment(column: string): string {
  return `(@dept IS NULL OR ${column} IN (SELECT s.id FROM students s WHERE s.department = @dept))`;
}

/** studentInDepartment's text wherever it stands: with no department it reads no student (statistics-cache.ts). */
export const STUDENT_IN_DEPARTMENT = /\(@dept IS NULL OR [\w.]+ IN \(SELECT s\.id FROM students s WHERE s\.department = @dept\)\)/g;

/**
 * A session counts once it has a record its author signed: drafts are not sessions yet. The
 * drafts are found through the (author, status) index, and the period's notes are read from the
 * covering index session_notes_statistics alone, so the scan never walks a long body's overflow
 * pages (topic_categories is stored after the body in the rows).
 */
const COUNTED_NOTES = `FROM session_notes n JOIN students s ON s.id = n.student_id
  WHERE n.session_at >= @from AND n.session_at < @to AND ${IN_DEPARTMENT}
    AND n.rowid NOT IN (SELECT d.rowid FROM session_notes d WHERE d.status = 'draft')`;

/** Screen positive as stored by the batch's scoring: the expression of the covering index assessments_census_screening (migration 0023), kept identical. */
const CENSUS_POSITIVE = `(a.instrument = 'upi' AND json_extract(a.result, '$.category') = 1) OR (a.instrument <> 'upi' AND json_extract(a.result, '$.screenPositive') = 1)`;
const CENSUS_FORMS_WHERE = `a.census_batch_id = @batch AND a.status = 'complete' AND ${studentInDepartment('a.student_id')}`;

export const STATISTICS_SQL = {
  departments: `SELECT DISTINCT department FROM students WHERE department IS NOT NULL AND department <> '' ORDER BY department`,

  /**
   * Every session figure from ONE pass over the notes (the table is the largest the path reads,
   * and each scan costs every page of it): the counted sessions are materialized once, then
   * grouped by mode, grade and the plan's counseling topic (topic_categories; see topic-figures.ts).
   */
  sessions: `WITH counted AS MATERIALIZED (
    SELECT n.id AS id, n.student_id AS student, n.mode AS mode, n.minutes AS minutes, n.topic_categories AS topics, s.grade AS grade ${COUNTED_NOTES}
  ), tagged AS MATERIALIZED (
    SELECT c.id AS id, c.student AS student, t.value AS topic FROM counted c, json_each(c.topics) t
  ), topic AS MATERIALIZED (
    SELECT topic AS key, count(*) AS sessions, count(DISTINCT student) AS students FROM tagged GROUP BY topic
  )
  SELECT 'total' AS dim, NULL AS key, count(*) AS sessions, count(DISTINCT student) AS students, coalesce(sum(minutes), 0) AS minutes FROM counted
  UNION ALL SELECT 'mode', mode, count(*), count(DISTINCT student), NULL FROM counted GROUP BY mode
  UNION ALL SELECT 'grade', grade, count(*), count(DISTINCT student), NULL FROM counted GROUP BY grade
  UNION ALL SELECT 'topic', key, sessions, students, NULL FROM topic`,

  casesOpened: `SELECT count(*) AS events, count(DISTINCT c.student_id) AS students FROM cases c
  WHERE c.opened_at >= @from AND c.opened_at < @to AND ${studentInDepartment('c.student_id')}`,
  casesClosed: `SELECT count(*) AS events, count(DISTINCT c.student_id) AS students FROM cases c
  WHERE c.closed_at >= @from AND c.closed_at < @to AND ${studentInDepartment('c.student_id')}`,

  crisisTotal: `SELECT count(*) AS events, count(DISTINCT e.student_id) AS students FROM crisis_events e
  WHERE e.discovered_at >= @from AND e.discovered_at < @to AND ${studentInDepartment('e.student_id')}`,
  crisisByLevel: `SELECT e.level AS key, count(*) AS events, count(DISTINCT e.student_id) AS students FROM crisis_events e
  WHERE e.discovered_at >= @from AND e.discovered_at < @to AND ${studentInDepartment('e.student_id')} GROUP BY e.level`,

  /** 转介就医: referrals made (planned ones are not yet), by the day the student was referred. */
  referrals: `SELECT count(*) AS events, count(DISTINCT r.student_id) AS students FROM referrals r
  WHERE r.status <> 'planned' AND substr(r.referred_on, 1, 10) BETWEEN @startDate AND @endDate AND ${studentInDepartment('r.student_id')}`,

  /** On the list at the period's end: each entry's last membership change before then. */
  keyAttentionAtEnd: `SELECT count(*) AS students FROM (
    SELECT h.student_id, h.kind, max(h.changed_at) AS at FROM key_attention_history h
    WHERE h.kind IN ('added', 'restored', 'removed') AND h.changed_at < @to GROUP BY h.entry_id
  ) last WHERE last.kind <> 'removed' AND ${studentInDepartment('last.student_id')}`,
  keyAttentionAdded: `SELECT count(DISTINCT h.student_id) AS students FROM key_attention_history h
  WHERE h.kind IN ('added', 'restored') AND h.changed_at >= @from AND h.changed_at < @to AND ${studentInDepartment('h.student_id')}`,
  keyAttentionRemoved: `SELECT count(DISTINCT h.student_id) AS students FROM key_attention_history h
  WHERE h.kind = 'removed' AND h.changed_at >= @from AND h.changed_at < @to AND ${studentInDepartment('h.student_id')}`,

  /** Batches whose census period (else the day they were created) overlaps the period. */
  censusBatches: `SELECT b.id, b.name, b.grade FROM census_batches b
  WHERE coalesce(b.period_start, substr(b.created_at, 1, 10)) <= @endDate
    AND coalesce(b.period_end, b.period_start, substr(b.created_at, 1, 10)) >= @startDate
  ORDER BY coalesce(b.period_start, b.created_at), b.name`,
  censusRoster: `SELECT count(*) AS students FROM students s WHERE s.grade = @grade AND s.status = 'enrolled' AND ${IN_DEPARTMENT}`,
  /**
   * Screened students of a batch (instrument NULL) and, per instrument, screened and screen
   * positive as the batch's rules scored it: SCL-90 (and others) screenPositive, UPI category 1.
   * Read from the covering index assessments_census_screening alone, in its student order: the
   * distinct count needs no temporary tree, and a batch holds one form per student and instrument
   * (unique index assessments_census_form), so per instrument a count of rows is the count of
   * students. The department is a list of its students' ids (foreign keys keep every form's
   * student), not a join into students per form.
   */
  censusForms: `SELECT NULL AS instrument, count(DISTINCT a.student_id) AS screened, NULL AS positive FROM assessments a WHERE ${CENSUS_FORMS_WHERE}
  UNION ALL SELECT a.instrument, count(*), count(CASE WHEN ${CENSUS_POSITIVE} THEN 1 END) FROM assessments a WHERE ${CENSUS_FORMS_WHERE} GROUP BY a.instrument`,
  /** The department as a list of its students' ids, like censusForms (foreign keys keep every entry's student). */
  censusFollowups: `SELECT count(*) AS listed, coalesce(sum(f.status = 'done'), 0) AS interviewed FROM census_followups f
  WHERE f.batch_id = @batch AND ${studentInDepartment('f.student_id')}`,

  /** Activities are the department's own when filtering; school-wide ones count in the whole-school view. */
  activities: `SELECT a.kind AS kind, count(*) AS count, coalesce(sum(a.participants), 0) AS participants FROM education_activities a
  WHERE a.date BETWEEN @startDate AND @endDate AND (@dept IS NULL OR a.department = @dept) GROUP BY a.kind`,
} as const;

/** Columns holding clinical content: the statistics path must never name them. */
export const CLINICAL_COLUMNS = [
  'body',
  'responses',
  'reason',
  'description',
  'summary',
  'closing_summary',
  'letter_text',
  'feedback',
  'note',
  'content',
  'shared',
  'history',
  'impression',
  'risk_check',
  'name_pinyin',
  'student_no',
  'phone',
] as const;
