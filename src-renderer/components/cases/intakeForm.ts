import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { intakeInputSchema, type IntakeInput } from '../../../src-shared/contract';
import type { Issue } from '../../i18n/errors';
import { issuesToFields, zodIssues } from '../reports/labels';

type YesNo = 0 | 1;

export interface IntakeValues {
  consent: {
    confidentialityLimitsExplained?: boolean;
    consentedBy?: string;
    consentedAt?: Dayjs | null;
    minor?: boolean;
    guardianName?: string;
    guardianRelation?: string;
    guardianPhone?: string;
    guardianConsentedAt?: Dayjs | null;
  };
  concerns?: IntakeInput['concerns'];
  otherConcern?: string;
  history?: string;
  /** C-SSRS answers by item: q1..q6 then q6b. */
  q?: (YesNo | undefined)[];
  impression?: string;
  disposition?: IntakeInput['disposition'];
  counselorId?: string;
}

export const STEP_FIELDS: readonly (readonly string[])[] = [
  ['consent'],
  ['concerns', 'otherConcern'],
  ['history'],
  ['q', 'cssrs'],
  ['impression', 'disposition', 'counselorId'],
];

const Q2 = 1;
const Q6 = 5;

/** Which items are asked: Q3-5 only after a yes to Q2, Q6b only after a yes to Q6. */
export function askedItems(answers: readonly (YesNo | undefined)[] = []): boolean[] {
  return Array.from({ length: 7 }, (_, i) => (i >= 2 && i <= 4 ? answers[Q2] === 1 : i === 6 ? answers[Q6] === 1 : true));
}

/** The screener answers as the scorer takes them: unasked items are "NA". */
export function cssrsResponses(answers: readonly (YesNo | undefined)[] = []): IntakeInput['cssrs'] {
  const asked = askedItems(answers);
  return asked.map((isAsked, i) => (isAsked ? (answers[i] ?? null) : 'NA'));
}

const text = (value?: string) => (value?.trim() ? value.trim() : null);
const iso = (value?: Dayjs | null) => (value ? value.toDate().toISOString() : undefined);

/**
 * The form as the contract's input. Steps not reached yet get neutral stand-ins, so checking an
 * earlier step is not blocked by later ones (and the schema's cross-field rules still run).
 */
export function intakeInput(values: IntakeValues, context: { studentId: string; reportId: string | null }, upToStep = 4): Record<string, unknown> {
  const consent = values.consent ?? {};
  const minor = consent.minor === true;
  return {
    studentId: context.studentId,
    ...(context.reportId ? { reportId: context.reportId } : {}),
    consent: {
      confidentialityLimitsExplained: consent.confidentialityLimitsExplained === true ? true : undefined,
      consentedBy: consent.consentedBy?.trim() ?? '',
      consentedAt: iso(consent.consentedAt),
      minor,
      ...(minor
        ? {
            guardianName: text(consent.guardianName),
            guardianRelation: text(consent.guardianRelation),
            guardianPhone: text(consent.guardianPhone),
            guardianConsentedAt: iso(consent.guardianConsentedAt) ?? null,
          }
        : {}),
    },
    concerns: upToStep >= 1 ? (values.concerns ?? []) : ['self_growth'],
    otherConcern: upToStep >= 1 ? text(values.otherConcern) : null,
    history: upToStep >= 2 ? text(values.history) : null,
    cssrs: upToStep >= 3 ? cssrsResponses(values.q) : Array(7).fill('NA'),
    impression: upToStep >= 4 ? text(values.impression) : null,
    disposition: upToStep >= 4 ? values.disposition : 'none',
    counselorId: upToStep >= 4 ? (values.counselorId ?? '') : 'pending',
  };
}

/** The issues of the steps up to `step`, as the contract and the screener's skip logic see them. */
export function intakeIssues(values: IntakeValues, context: { studentId: string; reportId: string | null }, step = 4): Issue[] {
  const input = intakeInput(values, context, step);
  const parsed = intakeInputSchema.safeParse(input);
  const issues = parsed.success ? [] : zodIssues(parsed.error.issues);
  const fields = STEP_FIELDS.slice(0, step + 1).flat();
  const found = issues
    .filter((issue) => fields.includes(String(issue.path[0])))
    // "expected true" reads badly: the point is that the limits must be explained first.
    .map((issue) => (issue.path[1] === 'confidentialityLimitsExplained' ? { ...issue, message: 'limitsRequired' } : issue));
  if (step >= 3) {
    const asked = askedItems(values.q);
    asked.forEach((isAsked, i) => {
      if (isAsked && values.q?.[i] === undefined) found.push({ path: ['q', i], code: 'custom', message: 'answerRequired' });
    });
  }
  return found;
}

export function intakeFieldErrors(issues: Issue[], t: TFunction, input: unknown) {
  return issuesToFields(
    issues.map((issue) => (issue.message === 'answerRequired' ? { ...issue, message: 'cssrsAnswerRequired' } : issue)),
    t,
    input,
  ).map((field) => (field.name[0] === 'q' ? { ...field, errors: [t('cases.intake.answerRequired')] } : field));
}

/** The first step holding one of these issues. */
export function firstStepOf(issues: readonly Issue[]): number {
  const steps = issues.map((issue) => STEP_FIELDS.findIndex((fields) => fields.includes(String(issue.path[0])))).filter((s) => s >= 0);
  return steps.length ? Math.min(...steps) : 0;
}
