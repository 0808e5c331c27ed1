import type { TFunction } from 'i18next';
import type { CaseDetail } from '../../../src-shared/contract';
import { localTime } from '../../../src-shared/labels/local-time';
import { textOr } from '../../i18n/keys';

type Intake = NonNullable<CaseDetail['intake']>;

/** The intake's consent as the core returns it (a free record: an older intake may lack a field). */
interface RecordedConsent {
  consentedBy?: string;
  consentedAt?: string;
  minor?: boolean;
  guardianName?: string;
  guardianRelation?: string;
  guardianConsentedAt?: string;
}

/**
 * Who consented and when, then for a minor the guardian's consent (null for an adult), in the
 * words of the case page (`cases.intakeSummary`) or of the printout (`printing.values`).
 */
export function consentLines(consent: Intake['consent'] | undefined, t: TFunction, words: 'cases.intakeSummary' | 'printing.values'): [string, string | null] {
  const c = (consent ?? {}) as RecordedConsent;
  return [
    t(`${words}.consentLine`, { who: c.consentedBy ?? '—', when: localTime(c.consentedAt) }),
    c.minor ? t(`${words}.guardianLine`, { name: c.guardianName ?? '—', relation: c.guardianRelation ?? '—', when: localTime(c.guardianConsentedAt) }) : null,
  ];
}

/** The concerns named at intake, in words; 'other' with what the counselor wrote. */
export function concernWords(intake: Pick<Intake, 'concerns' | 'otherConcern'>, t: TFunction): string[] {
  return intake.concerns.map((c) =>
    c === 'other' && intake.otherConcern ? `${t('cases.concerns.other')}（${intake.otherConcern}）` : textOr(`cases.concerns.${c}`, c, t),
  );
}
