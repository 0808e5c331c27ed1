import { Alert, Button, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFilePrint as CaseFileData } from '../../../src-shared/contract/print';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { BreakGlassPrompt } from '../access/BreakGlassPrompt';
import { bandLabel, instrumentName } from '../assessments/labels';
import { BreakGlassNotice, PrintDocument } from './PrintDocument';
import { PrintedCaseSection } from './PrintedCaseSection';
import { localTime } from '../../../src-shared/labels/local-time';
import type { TFunction } from 'i18next';

function screenResult(t: TFunction, value: CaseFileData['assessments'][number]['screenPositive']): string {
  if (value === null) return '—';
  if (value === 'indeterminate') return t('printing.values.screenIndeterminate');
  return value ? t('printing.values.screenPositive') : t('printing.values.screenNegative');
}

/**
 * A student's whole file (#/print/case-file:<studentId>). Opening it is the print: the core
 * reads through the case gate and records it. Cases that are not the printer's are listed
 * without content unless they state a reason (break-glass) for all of them.
 */
export function CaseFilePrint({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const [breakGlassReason, setBreakGlassReason] = useState<string | undefined>();
  const [asking, setAsking] = useState(false);
  const file = useCallQuery('print.caseFile', breakGlassReason ? { studentId, breakGlassReason } : { studentId });

  if (file.isPending) return <Skeleton active />;
  if (file.isError) return <Alert type="error" showIcon title={errorMessage(file.error, t)} />;
  const data = file.data;
  const restricted = data.cases.filter((c) => c.content === 'restricted').length;
  const brokeGlass = data.cases.some((c) => c.access === 'break_glass');

  const notices = (
    <>
      {brokeGlass ? <BreakGlassNotice /> : null}
      {restricted > 0 && !asking ? (
        <Alert
          type="info"
          showIcon
          title={t('printing.restrictedNotice', { count: restricted })}
          action={
            <Button size="small" onClick={() => setAsking(true)}>
              {t('printing.openRestricted')}
            </Button>
          }
        />
      ) : null}
      {asking ? (
        <BreakGlassPrompt
          pending={file.isFetching}
          onCancel={() => setAsking(false)}
          onSubmit={(reason) => {
            setAsking(false);
            setBreakGlassReason(reason);
          }}
        />
      ) : null}
    </>
  );

  return (
    <PrintDocument data={data} title={t('printing.caseFileTitle')} reference={`${data.student.name}（${data.student.studentNo}）`} notices={notices}>
      <h2>{t('printing.sections.cases')}</h2>
      {data.cases.length === 0 ? <p className="cfp-notice">{t('printing.noCases')}</p> : null}
      {data.cases.map((kase) => (
        <PrintedCaseSection key={kase.id} kase={kase} sections={data.noteSections} />
      ))}

      <h2>{t('printing.sections.assessments')}</h2>
      {data.assessments.length === 0 ? (
        <p className="cfp-notice">{t('printing.noAssessments')}</p>
      ) : (
        <table className="cfp-table">
          <thead>
            <tr>
              <th>{t('printing.fields.instrument')}</th>
              <th>{t('printing.fields.completedAt')}</th>
              <th>{t('printing.fields.total')}</th>
              <th>{t('printing.fields.band')}</th>
              <th>{t('printing.fields.screen')}</th>
            </tr>
          </thead>
          <tbody>
            {data.assessments.map((a) => (
              <tr key={a.id}>
                <td>{instrumentName(a.instrument)}</td>
                <td>{localTime(a.completedAt)}</td>
                <td>{a.total ?? '—'}</td>
                <td>{bandLabel(t, a.instrument, a.band) || '—'}</td>
                <td>{screenResult(t, a.screenPositive)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('printing.sections.crisis')}</h2>
      {data.crisisEvents.length === 0 ? (
        <p className="cfp-notice">{t('printing.noCrisis')}</p>
      ) : (
        <table className="cfp-table">
          <thead>
            <tr>
              <th>{t('printing.fields.eventNo')}</th>
              <th>{t('printing.fields.level')}</th>
              <th>{t('printing.fields.status')}</th>
              <th>{t('printing.fields.discoveredAt')}</th>
              <th>{t('printing.fields.closedAt')}</th>
              <th>{t('printing.fields.owner')}</th>
            </tr>
          </thead>
          <tbody>
            {data.crisisEvents.map((e) => (
              <tr key={e.id}>
                <td>{e.eventNo}</td>
                <td>{e.levelLabel}</td>
                <td>{t(`crisis.status.${e.status}`)}</td>
                <td>{localTime(e.discoveredAt)}</td>
                <td>{localTime(e.closedAt)}</td>
                <td>{e.owner?.displayName ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </PrintDocument>
  );
}
