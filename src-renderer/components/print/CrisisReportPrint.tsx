import './crisis-report.css';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, App, Button, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useSession } from '../../session';
import { levelOf, useCrisisLevels } from '../crisis/levels';
import { formatTime } from '../crisis/time';

/** A fixed bilingual marking, like a stamp: the same in every interface language. */
const CONFIDENTIAL_MARK = '机密 / Confidential';

/** The printable crisis report: every step (who, when, notes), level changes and notifications. */
export function CrisisReportPrint({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const levels = useCrisisLevels();
  const detail = useCallQuery('crisis.get', { id: eventId });
  const notifications = useCallQuery('crisis.notifications.list', { eventId });
  const settings = useCallQuery('settings.get', {});
  const [printedAt] = useState(() => dayjs().format('YYYY-MM-DD HH:mm'));

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError) return <Alert type="error" showIcon title={errorMessage(detail.error, t)} />;
  const { event, steps, levelChanges } = detail.data;
  const label = (key: string) => levelOf(levels, key).label;

  const print = async () => {
    try {
      await call('crisis.recordPrint', { id: eventId });
      window.print();
    } catch (failure) {
      void message.error(errorMessage(failure, t));
    }
  };

  return (
    <div data-testid="crisis-report-print">
      <div className="crp-actions no-print">
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => void print()}>
          {t('crisis.print.print')}
        </Button>
      </div>
      <article className="crp-page">
        <div className="crp-body">
          <div className="crp-confidential">
            <span>{CONFIDENTIAL_MARK}</span>
            <span>{settings.data?.schoolName ?? ''}</span>
          </div>
          <h1>{t('crisis.print.title')}</h1>
          <div className="crp-meta">{t('crisis.print.printedBy', { who: session.displayName, when: printedAt })}</div>

          <table className="crp-table" style={{ marginTop: 12 }}>
            <tbody>
              <tr>
                <th>{t('crisis.print.eventNo')}</th>
                <td>{event.eventNo}</td>
                <th>{t('crisis.print.status')}</th>
                <td>{t(`crisis.status.${event.status}`)}</td>
              </tr>
              <tr>
                <th>{t('crisis.print.student')}</th>
                <td>{`${event.student.name}（${event.student.studentNo}）`}</td>
                <th>{t('crisis.print.department')}</th>
                <td>{event.student.department ?? '–'}</td>
              </tr>
              <tr>
                <th>{t('crisis.print.level')}</th>
                <td>{label(event.level)}</td>
                <th>{t('crisis.print.discoveredAt')}</th>
                <td>{formatTime(event.discoveredAt)}</td>
              </tr>
              <tr>
                <th>{t('crisis.print.owner')}</th>
                <td>{event.owner?.displayName ?? '–'}</td>
                <th>{t('crisis.print.approvedBy')}</th>
                <td>{event.approvedBy ? `${event.approvedBy.displayName} ${formatTime(event.closedAt)}` : '–'}</td>
              </tr>
              <tr>
                <th>{t('crisis.print.description')}</th>
                <td colSpan={3}>{event.description ?? '–'}</td>
              </tr>
              {event.summary ? (
                <tr>
                  <th>{t('crisis.print.summary')}</th>
                  <td colSpan={3}>{event.summary}</td>
                </tr>
              ) : null}
            </tbody>
          </table>

          <h2>{t('crisis.print.steps')}</h2>
          <table className="crp-table">
            <thead>
              <tr>
                <th style={{ width: '4%' }}>#</th>
                <th>{t('crisis.print.step')}</th>
                <th style={{ width: '11%' }}>{t('crisis.print.state')}</th>
                <th style={{ width: '11%' }}>{t('crisis.print.who')}</th>
                <th style={{ width: '15%' }}>{t('crisis.print.when')}</th>
                <th style={{ width: '28%' }}>{t('crisis.print.note')}</th>
              </tr>
            </thead>
            <tbody>
              {steps
                .filter((s) => s.applicable || s.status !== 'open')
                .map((s, i) => (
                  <tr key={s.id} className={s.overdue ? 'crp-overdue' : undefined}>
                    <td>{i + 1}</td>
                    <td>
                      {s.title}
                      {s.dueAt ? `\n${t('crisis.steps.due')}：${formatTime(s.dueAt)}` : ''}
                    </td>
                    <td>{s.overdue ? `${t('crisis.stepStatus.open')}（${t('crisis.steps.overdueTag')}）` : t(`crisis.stepStatus.${s.status}`)}</td>
                    <td>{s.doneBy?.displayName ?? '–'}</td>
                    <td>{formatTime(s.doneAt)}</td>
                    <td>
                      {[
                        s.note,
                        s.naReason ? `${t('crisis.steps.naReason')}：${s.naReason}` : null,
                        s.attachments.length ? `${t('crisis.steps.attachments')}：${s.attachments.map((a) => a.fileName).join('、')}` : null,
                      ]
                        .filter(Boolean)
                        .join('\n') || '–'}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>

          <h2>{t('crisis.print.levels')}</h2>
          <table className="crp-table">
            <thead>
              <tr>
                <th>{t('crisis.level.at')}</th>
                <th>{t('crisis.level.from')}</th>
                <th>{t('crisis.level.to')}</th>
                <th>{t('crisis.level.reason')}</th>
                <th>{t('crisis.level.by')}</th>
              </tr>
            </thead>
            <tbody>
              {levelChanges.map((c) => (
                <tr key={c.id}>
                  <td>{formatTime(c.changedAt)}</td>
                  <td>{c.fromLevel ? label(c.fromLevel) : '–'}</td>
                  <td>{label(c.toLevel)}</td>
                  <td>{c.fromLevel === null ? t('crisis.level.initial') : (c.reason ?? '–')}</td>
                  <td>{c.changedBy?.displayName ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <h2>{t('crisis.print.notifications')}</h2>
          {notifications.isError ? (
            <p>{t('crisis.print.notificationsPending')}</p>
          ) : (
            <table className="crp-table" data-testid="crisis-report-notifications">
              <tbody>
                {(notifications.data ?? []).map((n) => (
                  <tr key={n.id}>
                    <td style={{ width: '15%' }}>{formatTime(n.notifiedAt)}</td>
                    <td style={{ width: '22%' }}>{`${t(`referrals.recipientKinds.${n.recipientKind}`)}：${n.recipientName}`}</td>
                    <td style={{ width: '10%' }}>{t(`referrals.methods.${n.method}`)}</td>
                    <td>{`${n.content}\n${n.basis}`}</td>
                    <td style={{ width: '10%' }}>{n.notifiedBy?.displayName ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <footer className="crp-footer">
          <span>{`${CONFIDENTIAL_MARK} · ${event.eventNo}`}</span>
          <span>{t('crisis.print.footer')}</span>
        </footer>
      </article>
    </div>
  );
}
