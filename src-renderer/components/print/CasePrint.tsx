import { Alert, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { BreakGlassPrompt, isBreakGlassRequired } from '../access/BreakGlassPrompt';
import { BreakGlassNotice, PrintDocument } from './PrintDocument';
import { PrintedCaseSection } from './PrintedCaseSection';

/** One case (#/print/case:<caseId>) through the case gate: a case not theirs asks for a reason first. */
export function CasePrint({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [breakGlassReason, setBreakGlassReason] = useState<string | undefined>();
  const printed = useCallQuery('print.case', breakGlassReason ? { caseId, breakGlassReason } : { caseId });

  if (printed.isPending) return <Skeleton active />;
  if (printed.isError) {
    if (isBreakGlassRequired(printed.error)) return <BreakGlassPrompt onSubmit={setBreakGlassReason} pending={printed.isFetching} />;
    return <Alert type="error" showIcon title={errorMessage(printed.error, t)} />;
  }
  const data = printed.data;
  return (
    <PrintDocument
      data={data}
      title={t('printing.caseTitle')}
      reference={`${data.student.name}（${data.student.studentNo}） · ${data.case.caseNo}`}
      notices={data.case.access === 'break_glass' ? <BreakGlassNotice /> : null}
    >
      <PrintedCaseSection kase={data.case} sections={data.noteSections} headingLevel="h2" />
    </PrintDocument>
  );
}
