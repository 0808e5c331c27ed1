import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ALERTING_SIGNS, type Report, type ReportSign } from '../../../src-shared/contract';
import { CallError } from '../../api/client';
import { issueMessage, type Issue } from '../../i18n/errors';
import { isTextKey } from '../../i18n/keys';

const URGENCY_COLORS: Record<Report['urgency'], string> = { urgent: 'red', soon: 'orange', routine: 'default' };

export function UrgencyTag({ urgency }: { urgency: Report['urgency'] }) {
  const { t } = useTranslation();
  return <Tag color={URGENCY_COLORS[urgency]}>{t(`reports.urgency.${urgency}`)}</Tag>;
}

/** The signs, alerting ones in red and first. */
export function SignTags({ signs }: { signs: readonly ReportSign[] }) {
  const { t } = useTranslation();
  const sorted = [...signs].sort((a, b) => Number(ALERTING_SIGNS.includes(b)) - Number(ALERTING_SIGNS.includes(a)));
  return (
    <>
      {sorted.map((sign) => (
        <Tag key={sign} color={ALERTING_SIGNS.includes(sign) ? 'red' : undefined} style={{ marginBottom: 2 }}>
          {t(`reports.signs.${sign}`)}
        </Tag>
      ))}
    </>
  );
}

/**
 * One issue in the user's language: this module's own refine messages first
 * (`reports.validation.x`, `cases.validation.x`), then the shared field rules.
 */
export function issueText(issue: Issue, t: TFunction, input?: unknown): string {
  for (const ns of ['reports.validation', 'cases.validation']) {
    const key = `${ns}.${issue.message}`;
    if (isTextKey(key)) return t(key);
  }
  // A field left empty reads "please fill this in", whatever rule the schema broke.
  const value = input === undefined ? 'unknown' : valueAt(input, issue.path);
  if (value === undefined || value === null || value === '') return t('validation.required');
  return issueMessage(issue, t);
}

function valueAt(input: unknown, path: readonly (string | number)[]): unknown {
  let value = input;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
  return value;
}

/** Issues (from a local zod parse or a VALIDATION answer) as antd field errors, keyed by their full path. */
export function issuesToFields(issues: readonly Issue[], t: TFunction, input?: unknown): { name: (string | number)[]; errors: string[] }[] {
  const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const issue of issues) {
    if (issue.path.length === 0) continue;
    const key = issue.path.join('.');
    const entry = byPath.get(key) ?? { name: [...issue.path], errors: [] };
    const text = issueText(issue, t, input);
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byPath.set(key, entry);
  }
  return [...byPath.values()];
}

/** The issues of a VALIDATION error from the core, or none. */
export function callIssues(error: unknown): Issue[] {
  if (!(error instanceof CallError) || error.code !== 'VALIDATION' || !Array.isArray(error.details.issues)) return [];
  return error.details.issues as Issue[];
}

/** zod issues in the boundary's shape. */
export function zodIssues(issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[]): Issue[] {
  return issues.map((issue) => ({ path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'), code: issue.code, message: issue.message }));
}

/**
 * The field paths an antd `onValuesChange` reports as changed. Arrays and dates are leaves (naming
 * an array's items would make antd create them); `itemFields` names arrays whose items are fields.
 */
export function changedPaths(changed: unknown, prefix: (string | number)[] = [], itemFields: readonly string[] = []): (string | number)[][] {
  if (Array.isArray(changed)) {
    const items = itemFields.includes(String(prefix[prefix.length - 1])) ? Array.from(changed.keys()).map((i) => [...prefix, i]) : [];
    return [prefix, ...items];
  }
  if (!changed || typeof changed !== 'object' || dayjs.isDayjs(changed)) return [prefix];
  return Object.entries(changed).flatMap(([key, value]) => changedPaths(value, [...prefix, key], itemFields));
}

/** A field's error goes away as soon as the person edits it; the next check brings it back if still wrong. */
export function clearErrorsOnChange(form: { setFields: (fields: never) => void }, itemFields: readonly string[] = []) {
  return (changed: unknown) => form.setFields(changedPaths(changed, [], itemFields).map((name) => ({ name, errors: [] })) as never);
}
