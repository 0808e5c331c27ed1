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
import { flagLabel, instrumentLabel } from '../../../src-shared/labels/instrument-labels';
import type { Route } from '../../router';
import { AssessmentDetailDrawer } from '../assessments/AssessmentDetailDrawer';
import { ReportDetailDrawer } from '../reports/ReportDetailDrawer';
import { LevelTag } from './StudentTags';
import { localTime } from '../../../src-shared/labels/local-time';
import { isTextKey, textOr } from '../../i18n/keys';

/**
 * Records a timeline line can lead to, and who may follow the link (the page checks again):
 * a record's own page (with its id), a drawer, a list page that holds it, or the file's own
 * basic data (the student's record and its edits).
 */
const LINKS: Record<string, { permission: Permission; opens: 'page' | 'drawer' | 'info'; route?: Route; withId?: boolean }> = {
  crisisEvent: { permission: 'crisis.read', opens: 'page', route: 'crisisEvent', withId: true },
  case: { permission: 'cases.clinical', opens: 'page', route: 'case', withId: true },
  group: { permission: 'groups.manage', opens: 'page', route: 'group', withId: true },
  assessment: { permission: 'assessments.clinical', opens: 'drawer' },
  report: { permission: 'reports.triage', opens: 'drawer' },
  appointment: { permission: 'calendar.read', opens: 'page', route: 'calendar' },
  keyattention: { permission: 'keyattention.read', opens: 'page', route: 'keyattention' },
  leave: { permission: 'followups.work', opens: 'page', route: 'tasks' },
  followup: { permission: 'followups.work', opens: 'page', route: 'tasks' },
  disclosure: { permission: 'crisis.approve', opens: 'page', route: 'disclosures' },
  // An alert without a source record: the queue where alerts are handled.
  alert: { permission: 'reports.triage', opens: 'page', route: 'triage' },
  student: { permission: 'students.read', opens: 'info' },
  audit: { permission: 'students.read', opens: 'info' },
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
  const lang = i18n.language?.startsWith('en') ? 'en' : 'zh-CN';
  // The students module's own keys are `timeline.*`; other modules send their full key (e.g. `notes.timeline.session`).
  const key = entry.titleKey.startsWith('timeline.') ? `students.${entry.titleKey}` : entry.titleKey;
  // A value written `i18n:<key>` is a label (e.g. an appointment's kind): shown in the user's language.
  const values = Object.fromEntries(
    Object.entries(entry.values).map(([name, value]) => [
      name,
      typeof value === 'string' && value.startsWith('i18n:') ? textOr(value.slice(5), '—', t) : (value ?? '—'),
    ]),
  );
  // Instrument keys and alert codes in words from the shared instrument labels: phq9 → PHQ-9,
  // PHQ9_ITEM9 → PHQ-9 第9题（死亡或自伤念头）.
  if (typeof entry.values.instrument === 'string') values.instrument = instrumentLabel(entry.values.instrument, lang);
  if (typeof entry.values.code === 'string') values.code = flagLabel(entry.values.code, lang, typeof entry.values.item === 'number' ? entry.values.item : null);
  // An edit names the changed fields by id: show them with the form's own labels.
  if (typeof entry.values.fields === 'string') {
    values.fields = entry.values.fields
      .split(',')
      .map((field) => textOr(`students.fields.${field}`, field, t))
      .join(t('students.timelineFieldSeparator'));
  }
  if (isTextKey(key)) return t(key, { replace: values });
  // A kind without words yet: a neutral line, never its key.
  return t('students.timelineOther');
}

/** A day (`2026-09-03`) or an instant, in local time. */
function whenText(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : localTime(value);
}

/** The recorded time, where it differs from when it happened (another minute, or another day for a day). */
export function recordedDiffers(entry: Pick<TimelineEntry, 'at' | 'recordedAt'>): boolean {
  if (!entry.recordedAt) return false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(entry.at)) return dayjs(entry.recordedAt).format('YYYY-MM-DD') !== entry.at;
  return whenText(entry.at) !== whenText(entry.recordedAt);
}

/** 时间线: everything recorded about the student, newest first, in local time; lines that name a record link to it. */
export function StudentTimeline({ studentId, onNavigate, onShowInfo }: { studentId: string; onNavigate?: Navigate; onShowInfo?: () => void }) {
  const { t } = useTranslation();
  const roles = useSession().session.roles;
  const timeline = useCallQuery('students.timeline', { studentId });
  const [drawer, setDrawer] = useState<Target | null>(null);
  const follow = (target: Target | null): (() => void) | null => {
    if (!target || !rolesGrant(roles, LINKS[target.type].permission)) return null;
    const link = LINKS[target.type];
    if (link.opens === 'drawer') return () => setDrawer(target);
    if (link.opens === 'info') return onShowInfo ?? null;
    if (!onNavigate || !link.route) return null;
    return () => onNavigate(link.route!, link.withId ? target.id : null);
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
                  <time dateTime={entry.at}>{whenText(entry.at)}</time>
                  {recordedDiffers(entry) ? (
                    <span data-testid="timeline-recorded">
                      {' · '}
                      {t('students.timelineRecordedAt', { at: whenText(entry.recordedAt!) })}
                    </span>
                  ) : null}
                </Typography.Text>
                <span>
                  {entry.level ? <LevelTag level={entry.level} /> : null}
                  {open ? (
                    <Button
                      type="link"
                      size="small"
                      data-testid="timeline-link"
                      style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}
                      onClick={open}
                    >
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
