import { Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Disclosure, Referral } from '../../../src-shared/contract';
import { moduleFieldErrors, moduleRule } from '../activities/rules';

export const MODULE = 'referrals';

/** A contract field rule with this module's messages. */
export const rule = (schema: Parameters<typeof moduleRule>[1], field: string, t: TFunction, optional = false, map?: (value: unknown) => unknown) =>
  moduleRule(MODULE, schema, field, t, { optional, map });

/** A DatePicker's value as the contract's YYYY-MM-DD. */
export const asDate = (value: unknown) => (dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value);

/** The core's VALIDATION issues as form field errors (contract paths map to the form's own names). */
export const coreFieldErrors = (error: unknown, t: TFunction, fields: readonly string[], prefix?: string) =>
  moduleFieldErrors(MODULE, error, t, (path) => {
    const parts = prefix && path[0] === prefix ? path.slice(1) : path;
    return typeof parts[0] === 'string' && fields.includes(parts[0]) ? parts[0] : undefined;
  });

/** Times of things that happened: not later than now (the core checks again with its own clock). */
export function pastTimeRule(t: TFunction) {
  return {
    validator: async (_rule: unknown, value: Dayjs | null | undefined) => {
      if (!value) throw new Error(t('validation.required'));
      if (value.isAfter(dayjs().add(5, 'minute'))) throw new Error(t('referrals.validation.notInFuture'));
    },
  };
}

const REFERRAL_COLORS: Record<Referral['status'], string> = { planned: 'default', referred: 'blue', feedback_received: 'green' };
const DISCLOSURE_COLORS: Record<Disclosure['status'], string> = { pending_approval: 'orange', approved: 'green', rejected: 'red' };

export function ReferralStatusTag({ status }: { status: Referral['status'] }) {
  const { t } = useTranslation();
  return <Tag color={REFERRAL_COLORS[status]}>{t(`referrals.referralStatus.${status}`)}</Tag>;
}

/** A pending disclosure says, wherever it is shown, that it is not final. */
export function DisclosureStatusTag({ status }: { status: Disclosure['status'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={DISCLOSURE_COLORS[status]} data-testid="disclosure-status">
      {status === 'pending_approval' ? t('referrals.disclosures.pendingNotice') : t(`referrals.disclosureStatus.${status}`)}
    </Tag>
  );
}

export const preWrap = { whiteSpace: 'pre-wrap' as const, margin: 0 };
