import { Alert, Button, Empty, Flex, Skeleton, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../src-shared/contract';
import type { Permission } from '../../../src-shared/permissions';
import { useCallQuery } from '../../api/queries';
import i18n from '../../i18n';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useSession } from '../../session';
import { rolesGrant } from '../../../src-shared/permissions';
import { AssessmentDetailDrawer } from '../assessments/AssessmentDetailDrawer';
import { ReportDetailDrawer } from '../reports/ReportDetailDrawer';
import { LevelTag } from './StudentTags';

/** Records a timeline line can lead to, and who may follow the link (the page checks again). */
const LINKS: Record<string, { permission: Permission; opens: 'page' | 'drawer' }> = {
  crisisEvent: { permission: 'crisis.read', opens: 'page' },
  case: { permission: 'cases.clinical', opens: 'page' },
  assessment: { permission: 'assessments.clinical', opens: 'drawer' },
  report: { permission: 'reports.triage', opens: 'drawer' },
};

type Target = { type: string; id: string };

/** Where an entry leads: its own record, or (an alert) the record it belongs to. */
export function timelineTarget(entry: Pick<TimelineEntry, 'ref' | 'link'>): Target | null {
  const target = entry.link ?? entry.ref;
  return LINKS[target.type] ? target : null;
}

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

/** 时间线: everything recorded about the student, newest first, in local time; lines that name a record link to it. */
export function StudentTimeline({ studentId, onNavigate }: { studentId: string; onNavigate?: Navigate }) {
  const { t } = useTranslation();
  const roles = useSession().session.roles;
  const timeline = useCallQuery('students.timeline', { studentId });
  const [drawer, setDrawer] = useState<Target | null>(null);
  const follow = (target: Target | null): (() => void) | null => {
    if (!target || !rolesGrant(roles, LINKS[target.type].permission)) return null;
    if (LINKS[target.type].opens === 'drawer') return () => setDrawer(target);
    if (!onNavigate) return null;
    return () => onNavigate(target.type === 'crisisEvent' ? 'crisisEvent' : 'case', target.id);
  };
  if (timeline.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (timeline.isError) return <Alert type="error" showIcon title={errorMessage(timeline.error, t)} />;
  if (timeline.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('students.file.timelineEmpty')} />;
  return (
    <>
    <Timeline
      style={{ paddingTop: 8 }}
      items={timeline.data.map((entry, index) => {
        const open = follow(timelineTarget(entry));
        return {
        key: `${entry.ref.type}-${entry.ref.id}-${entry.titleKey}-${index}`,
        color: entry.level ? DOT_COLORS[entry.level] : 'gray',
        content: (
          <Flex vertical gap={2} data-testid="timeline-entry">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <time dateTime={entry.at}>{dayjs(entry.at).format('YYYY-MM-DD HH:mm')}</time>
            </Typography.Text>
            <span>
              {entry.level ? <LevelTag level={entry.level} /> : null}
              {open ? (
                <Button type="link" size="small" data-testid="timeline-link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={open}>
                  {timelineTitle(entry, t)}
                </Button>
              ) : (
                timelineTitle(entry, t)
              )}
            </span>
          </Flex>
        ),
        };
      })}
    />
    {drawer?.type === 'assessment' ? <AssessmentDetailDrawer assessmentId={drawer.id} onClose={() => setDrawer(null)} /> : null}
    {drawer?.type === 'report' && onNavigate ? <ReportDetailDrawer reportId={drawer.id} onClose={() => setDrawer(null)} onNavigate={onNavigate} /> : null}
    </>
  );
}
