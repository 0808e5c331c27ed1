/**
 * The longest text each kind of field takes, in characters: the one source for the contract's
 * `z.string().max(...)` and the forms' `maxLength`, so a form never lets someone type what the
 * channel then refuses. Several names share a number on purpose: they are different kinds of
 * field that happen to be the same size today, and may grow apart.
 *
 * Renderer: `<Input maxLength={TEXT_MAX.personName} />` (import from src-shared/contract/limits).
 * tests/unit/core/text-limits.test.ts fails if a contract schema writes a text limit as a bare number.
 */
export const TEXT_MAX = {
  /** A level's key: crisis levels, key-attention levels. */
  levelKey: 16,
  /** A course's grade (年级) as typed on the course form. */
  courseGrade: 20,
  /** A short label: a note section's label, a relation (guardian, family contact), a crisis level's label or colour, a role name. */
  label: 32,
  /** A phone number on a student's, guardian's or family contact's record. */
  phone: 32,
  /** A grade (年级) on a student's record, a census batch or a student filter. */
  grade: 32,
  /** 学号. */
  studentNo: 32,
  /** 登录名 (an account's username). */
  username: 32,
  /** This workstation's name (1号工作站). */
  workstationName: 40,
  /** A phone in the work network's or the referral directory (hotlines with extensions). */
  directoryPhone: 40,
  /** A grade in the work network (class roles, office). */
  networkGrade: 40,
  /** A consulting room's name. */
  roomName: 50,
  /** A person's name: student, guardian, family contact, reporter, supervisor, attendee, display name, responsible people. */
  personName: 64,
  /** How to reach a reporter (phone, e-mail or QQ as written). */
  contact: 64,
  /** A student's class (班级) and dormitory on the student record and in filters. */
  className: 64,
  dorm: 64,
  /** A record's id (also job ids and student numbers in a sync lookup). */
  id: 64,
  /** A search box's text (students, archive, audit log). */
  searchQuery: 64,
  /** An IANA time zone name. */
  timeZone: 64,
  /** The username typed at a backup restore (looser than `username`: refused later by the lookup, not the form). */
  usernameTyped: 64,
  /** A short name: school, major, organiser, trainer, group, theme, census batch and cohort, hospital department, work network class. */
  shortName: 100,
  /** 院系 (department) names, in records and filters. */
  department: 100,
  /** A paper application's reference number (leave, return). */
  reference: 100,
  /** A recovery code as issued. */
  recoveryCode: 128,
  /** A title: activity, training, course, task, template, wording file. */
  title: 200,
  /** A one-line text: remark, location, audience, purpose, hospital, escort, meeting, directory note, option label. */
  remark: 200,
  /** One cell of an imported file (census results, roster column names): kept loose, checked after parsing. */
  importCell: 200,
  /** A person key of the training history (`account:…`, `register:…`, `name:…`). */
  personKey: 200,
  /** The school server's age recipient (public key). */
  publicKey: 200,
  /** A recovery code as typed at a backup restore (spaces and dashes allowed). */
  recoveryCodeTyped: 200,
  /** A file name as picked in a dialog. */
  fileName: 255,
  /** A returned receipt's file name (Windows path length). */
  receiptFileName: 260,
  /** A password as typed at sign-in or unlock. */
  password: 256,
  /** A short reason: break-glass access, cancelling a task, a legal hold, an archive step, a review note. */
  shortReason: 500,
  /** A short free text: another concern, a wording file's source, a referral's entries. */
  shortText: 500,
  /** A decision's reason: level change, key attention, approval, safety action, census outcome change, leave. */
  reason: 1000,
  /** A note of a paragraph: safety note, outcome note, decision note, follow-up, basis of a referral. */
  note: 1000,
  /** An absolute folder path or a URL. */
  path: 1000,
  /** The text of one question of an instrument's wording file. */
  questionText: 1000,
  /** A password typed at a backup restore (older keys may be longer than today's rule). */
  passwordTyped: 1024,
  /** A description or comment: group description, instructions, return note, triage note, risk-check comment, contact summary. */
  description: 2000,
  /** A report's description (student and school-web report forms). */
  reportDescription: 4000,
  /** The school server's signing key (PEM). */
  pemKey: 4000,
  /** A long note: crisis step note, crisis description and summary, activity description, referral letter and feedback. */
  longNote: 5000,
  /** A case's narrative: history, impression, closing summary. */
  narrative: 8000,
  /** A document section: a session note's section or addendum, a work report section, a group session note. */
  document: 20_000,
  /** A returned receipt file, base64. */
  receiptFileBase64: 2_000_000,
} as const;

export type TextField = keyof typeof TEXT_MAX;
