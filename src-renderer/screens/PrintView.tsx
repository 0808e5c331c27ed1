import '../components/print/print.css';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CaseFilePrint } from '../components/print/CaseFilePrint';
import { CasePrint } from '../components/print/CasePrint';
import { CrisisReportPrint } from '../components/print/CrisisReportPrint';
import { ReferralLetterPrint } from '../components/print/ReferralLetterPrint';
import { SafetyPlanPrint } from '../components/print/SafetyPlanPrint';
import { TrainingAttendancePrint } from '../components/training/TrainingAttendancePrint';

/**
 * A printable document (route `#/print/<document>:<id>`): shown on screen with a 打印 button; the
 * page's print stylesheet hides the app around it, so Chromium's print (and "save as PDF") gives
 * just the document with its headers.
 */
export function PrintView({ param }: { param: string }) {
  const { t } = useTranslation();
  const [document, id] = [param.slice(0, param.indexOf(':')), param.slice(param.indexOf(':') + 1)];
  const views: Record<string, ReactNode> = {
    'crisis-report': <CrisisReportPrint eventId={id} />,
    'referral-letter': <ReferralLetterPrint referralId={id} />,
    'safety-plan': <SafetyPlanPrint planId={id} />,
    'case-file': <CaseFilePrint key={id} studentId={id} />,
    case: <CasePrint key={id} caseId={id} />,
    'training-attendance': <TrainingAttendancePrint key={id} trainingId={id} />,
  };
  return views[document] ?? <Result status="404" title={t('print.unknown')} />;
}
