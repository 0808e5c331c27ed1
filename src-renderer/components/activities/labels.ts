import type { TFunction } from 'i18next';
import type { ChannelOutput } from '../../../src-shared/contract';
import { ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES } from '../../../src-shared/contract/attachments';
import { textOr } from '../../i18n/keys';

export type ActivityRow = ChannelOutput<'activities.list'>['rows'][number];
export type ActivityDetail = ChannelOutput<'activities.get'>;
export type ActivitySummaryData = ChannelOutput<'activities.list'>['summary'];
export type AttachmentMeta = ActivityDetail['attachments'][number];

export const ATTACHMENT_MAX_MEGABYTES = ATTACHMENT_MAX_BYTES / (1024 * 1024);

export const kindLabel = (kind: string, t: TFunction): string => textOr(`activities.kinds.${kind}`, kind, t);

/** Why a chosen file cannot be attached, checked before reading it (the core checks again). */
export function attachmentProblem(file: { name: string; size: number }, t: TFunction): string | null {
  const lower = file.name.toLowerCase();
  if (!ATTACHMENT_EXTENSIONS.some((extension) => lower.endsWith(extension))) return t('activities.attachments.wrongType', { name: file.name });
  if (file.size > ATTACHMENT_MAX_BYTES) return t('activities.attachments.tooLarge', { name: file.name, max: ATTACHMENT_MAX_MEGABYTES });
  return null;
}
