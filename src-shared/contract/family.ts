import { z } from 'zod';
import { channel } from './define';
import { idInput, idSchema } from './schemas';
import { isoDateSchema } from './students';
import { TEXT_MAX } from './limits';
import { accountRefSchema, optionalText, studentWithClassSchema } from './refs';

/**
 * 家校沟通: the contact log with a student's family (工作方案 二(三): 加强与学生家长的沟通与联系),
 * for any student with a case, on the key-attention list or with a crisis event. Crisis-event
 * notifications to guardians are read into the same log (never copied): one history per student.
 */

/** 电话、面谈、微信、书面, and 其他 for what fits none of them. */
export const FAMILY_CONTACT_WAYS = ['phone', 'in_person', 'wechat', 'written', 'other'] as const;
export type FamilyContactWay = (typeof FAMILY_CONTACT_WAYS)[number];

/** Whom the school contacted: a guardian of the student record, a person of the network register, or someone else named. */
export const FAMILY_CONTACT_TARGETS = ['guardian', 'register', 'other'] as const;

/** A person named on a record: a register entry (工作网络) when there is one, and the name as it was then. */
export const personRefSchema = z
  .object({
    personId: idSchema.nullable().optional(),
    name: z.string().trim().min(1).max(TEXT_MAX.personName),
  })
  .strict();
export type PersonRef = z.infer<typeof personRefSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);

export const familyContactFieldsSchema = z
  .object({
    studentId: idSchema,
    /** When the contact took place (not after now). */
    contactedAt: z.iso.datetime({ offset: true }),
    way: z.enum(FAMILY_CONTACT_WAYS),
    targetKind: z.enum(FAMILY_CONTACT_TARGETS),
    /** Whom: for a guardian, the guardian's name as on the student record. */
    target: personRefSchema,
    /** Relation to the student (父亲、母亲…), for a guardian. */
    targetRelation: optionalText(TEXT_MAX.label),
    /** Who made the contact, when not the person recording it (e.g. the 班主任 from the register). */
    contactor: personRefSchema.nullable().optional(),
    purpose: text(TEXT_MAX.remark),
    summary: text(TEXT_MAX.description),
    followUp: optionalText(TEXT_MAX.note),
  })
  .strict();
export type FamilyContactFields = z.infer<typeof familyContactFieldsSchema>;

/** One line of the log: a recorded contact, or (source `crisis`) a guardian notification of a crisis event. */
export const familyContactSchema = z.object({
  id: z.string(),
  source: z.enum(['contact', 'crisis']),
  student: studentWithClassSchema,
  contactedAt: z.string(),
  way: z.enum(FAMILY_CONTACT_WAYS),
  /** The crisis notification's own method (短信/微信, 书面…), for lines of source `crisis`. */
  crisisMethod: z.string().nullable(),
  targetKind: z.enum(FAMILY_CONTACT_TARGETS),
  target: z.object({ personId: z.string().nullable(), name: z.string() }),
  targetRelation: z.string().nullable(),
  contactor: z.object({ personId: z.string().nullable(), name: z.string() }).nullable(),
  purpose: z.string(),
  summary: z.string(),
  followUp: z.string().nullable(),
  /** The crisis event of a `crisis` line. */
  eventId: z.string().nullable(),
  eventNo: z.string().nullable(),
  recordedBy: accountRefSchema.nullable(),
  createdAt: z.string(),
});
export type FamilyContact = z.infer<typeof familyContactSchema>;

export const familyChannels = {
  'family.forStudent': channel({
    summary:
      "A student's family-contact log (recorded contacts and the crisis events' guardian notifications, newest first), whether a contact can be recorded, and the guardians to pick from; liaisons see their own entries only.",
    permission: 'family.read',
    input: idInput('studentId'),
    output: z.object({
      /** The student has a case, a key-attention entry or a crisis event. */
      eligible: z.boolean(),
      guardians: z.array(z.object({ name: z.string(), relation: z.string().nullable(), phone: z.string().nullable() })),
      rows: z.array(familyContactSchema),
    }),
  }),
  'family.list': channel({
    summary: 'The family-contact log of a period across students (newest first); liaisons see their own entries only.',
    permission: 'family.read',
    input: z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), studentId: idSchema.optional() }).strict(),
    output: z.object({ rows: z.array(familyContactSchema) }),
  }),
  'family.add': channel({
    summary: 'Record a contact with a student’s family (who, whom, when, how, purpose, summary, follow-up). Append-only: a correction is a new record.',
    permission: 'family.write',
    input: familyContactFieldsSchema,
    output: familyContactSchema,
  }),
} as const;

/**
 * 家校沟通 in the statistics and the work report: contacts (recorded ones and the crisis events'
 * guardian notifications) and distinct students reached, by way; small cells "<5" by students.
 */
const figureCell = z.union([z.number().int().nonnegative(), z.literal('<5'), z.literal('—')]);
export const familyContactFiguresSchema = z.object({
  contacts: figureCell,
  students: figureCell,
  byWay: z.array(z.object({ key: z.enum(FAMILY_CONTACT_WAYS), contacts: figureCell, students: figureCell })),
});
export type FamilyContactFigures = z.infer<typeof familyContactFiguresSchema>;

/** The reasons (AppError details.reason) the family core sends; each i18n module translates every one (typed: a missing text fails tsc). */
export const FAMILY_ERROR_REASONS = [
  'familyContactNotEligible',
  'familyContactUnknownGuardian',
  'familyContactInFuture',
  'familyContactNotFound',
  'registerPersonNotFound',
] as const;
