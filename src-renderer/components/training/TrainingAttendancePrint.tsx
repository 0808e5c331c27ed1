import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Result, Skeleton } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useSession } from '../../session';
import '../print/referrals-print.css';
import './training-print.css';

/** 培训签到表: the session's header and one line per listed person, with a column to sign. */
export function TrainingAttendancePrint({ trainingId }: { trainingId: string }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [printedAt] = useState(() => dayjs().format('YYYY-MM-DD HH:mm'));
  const training = useCallQuery('training.get', { id: trainingId });
  const settings = useCallQuery('settings.get', {});
  if (training.isPending || settings.isPending) return <Skeleton active />;
  if (training.isError) return <Result status="error" title={t('training.print.loadFailed')} subTitle={errorMessage(training.error, t)} />;
  const s = training.data;
  return (
    <div>
      <div className="rp-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
          {t('training.print.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('training.print.print')}
        </Button>
      </div>
      <article className="rp-page" data-testid="training-attendance-print">
        <header className="rp-header">
          <span>{settings.data?.schoolName ?? ''}</span>
          <span>{t('training.print.title')}</span>
        </header>
        <div className="rp-body">
          <div className="rp-title">{t('training.print.title')}</div>
          <div className="rp-subtitle">{s.title}</div>
          <table className="tp-meta">
            <tbody>
              <tr>
                <th>{t('training.print.date')}</th>
                <td>{s.date}</td>
                <th>{t('training.print.audience')}</th>
                <td>{t(`training.audiences.${s.audience}`)}</td>
              </tr>
              <tr>
                <th>{t('training.print.trainer')}</th>
                <td>{s.trainer}</td>
                <th>{t('training.print.hours')}</th>
                <td>{s.hours}</td>
              </tr>
              <tr>
                <th>{t('training.print.location')}</th>
                <td colSpan={3}>{s.location ?? ''}</td>
              </tr>
            </tbody>
          </table>
          <table className="tp-sheet">
            <thead>
              <tr>
                <th>{t('training.print.number')}</th>
                <th>{t('training.print.name')}</th>
                <th>{t('training.print.attended')}</th>
                <th>{t('training.print.signature')}</th>
              </tr>
            </thead>
            <tbody>
              {s.attendees.map((a, i) => (
                <tr key={a.id}>
                  <td>{i + 1}</td>
                  <td>{a.name}</td>
                  <td>{a.attended ? '✓' : ''}</td>
                  <td />
                </tr>
              ))}
              {/* Blank lines for people who come without being listed. */}
              {Array.from({ length: 5 }, (_, i) => (
                <tr key={`blank-${i}`}>
                  <td>{s.attendees.length + i + 1}</td>
                  <td />
                  <td />
                  <td />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <footer className="rp-footer">
          <span />
          <span>{t('training.print.printedBy', { name: session.displayName, at: printedAt })}</span>
        </footer>
      </article>
    </div>
  );
}
