import { Alert, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import i18n from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import { LevelTag } from './StudentTags';

const DOT_COLORS: Record<NonNullable<TimelineEntry['level']>, string> = { CRITICAL: '#cf1322', URGENT: '#d46b08', HIGH: '#d4b106', REVIEW: '#1677ff' };

/**
 * The core sends `timeline.x` plus values; the line is `students.timeline.x` in the user's
 * language. Kinds added by later modules that have no text yet show their key, not a blank.
 */
export function timelineTitle(entry: Pick<TimelineEntry, 'titleKey' | 'values'>, t: TFunction): string {
  // The students module's own keys are `timeline.*`; other modules send their full key (e.g. `notes.timeline.session`).
  const key = entry.titleKey.startsWith('timeline.') ? `students.${entry.titleKey}` : entry.titleKey;
  // A value written `i18n:<key>` is a label (e.g. an appointment's kind): shown in the user's language.
  const values = Object.fromEntries(
    Object.entries(entry.values).map(([name, value]) => [name, typeof value === 'string' && value.startsWith('i18n:') ? t(value.slice(5)) : (value ?? '—')]),
  );
  // An edit names the changed fields by id: show them with the form's own labels.
  if (typeof entry.values.fields === 'string') {
    values.fields = entry.values.fields
      .split(',')
      .map((field) => (i18n.exists(`students.fields.${field}`) ? t(`students.fields.${field}`) : field))
      .join(t('students.timelineFieldSeparator'));
  }
  if (i18n.exists(key)) return t(key, { replace: values });
  return entry.titleKey;
}

/** 时间线: everything recorded about the student, newest first, in local time. */
export function StudentTimeline({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const timeline = useCallQuery('students.timeline', { studentId });
  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (timeline.isError) return <Alert type="error" showIcon title={errorMessage(timeline.error, t)} />;
  if (timeline.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('students.file.timelineEmpty')} />;
  return (
    <Timeline
      style={{ paddingTop: 8 }}
      items={timeline.data.map((entry, index) => ({
        key: `${entry.ref.type}-${entry.ref.id}-${entry.titleKey}-${index}`,
        color: entry.level ? DOT_COLORS[entry.level] : 'gray',
        content: (
          <Flex vertical gap={2} data-testid="timeline-entry">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <time dateTime={entry.at}>{dayjs(entry.at).format('YYYY-MM-DD HH:mm')}</time>
            </Typography.Text>
            <span>
              {entry.level ? <LevelTag level={entry.level} /> : null}
              {timelineTitle(entry, t)}
            </span>
          </Flex>
        ),
      }))}
    />
  );
}
