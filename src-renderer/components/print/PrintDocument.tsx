import './case-file.css';
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFilePrint } from '../../../src-shared/contract/print';
import { CONFIDENTIAL_MARK, PageMargins } from './PageMargins';
import { localTime } from '../../../src-shared/labels/local-time';

type Header = Pick<CaseFilePrint, 'printedAt' | 'printedBy' | 'schoolName' | 'student'>;

/** The student's basic data as the file's first table. */
function BasicData({ student }: { student: Header['student'] }) {
  const { t } = useTranslation();
  const cell = (value: string | null | undefined) => value || '—';
  const rows: [string, string, string, string][] = [
    [t('students.fields.name'), student.name, t('students.fields.studentNo'), student.studentNo],
    [t('students.fields.gender'), student.gender ? t(`students.genders.${student.gender}`) : '—', t('students.fields.birthDate'), cell(student.birthDate)],
    [t('students.fields.department'), cell(student.department), t('students.fields.major'), cell(student.major)],
    [t('students.fields.grade'), cell(student.grade), t('students.fields.className'), cell(student.className)],
    [t('students.fields.phone'), cell(student.phone), t('students.fields.status'), t(`students.statuses.${student.status}`)],
  ];
  const guardians = student.guardians.map((g) => [g.name, g.relation, g.phone].filter(Boolean).join(' ')).join('；');
  return (
    <table className="cfp-table">
      <tbody>
        {rows.map(([a, av, b, bv]) => (
          <tr key={a}>
            <th>{a}</th>
            <td>{av}</td>
            <th>{b}</th>
            <td>{bv}</td>
          </tr>
        ))}
        <tr>
          <th>{t('students.fields.guardians')}</th>
          <td colSpan={3}>{guardians || '—'}</td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * A printable document: the print button and notices on screen, and the page itself with the
 * margin boxes (confidential mark, printer and time, page numbers) on every printed page.
 */
export function PrintDocument({
  data,
  title,
  reference,
  notices,
  children,
}: {
  data: Header;
  title: string;
  reference: string;
  notices?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const printedAt = localTime(data.printedAt);
  return (
    <div data-testid="case-file-print">
      <PageMargins printedBy={data.printedBy.displayName} printedAt={printedAt} reference={reference} />
      <div className="cfp-actions no-print">
        <div>
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('printing.printButton')}
          </Button>
        </div>
        <Typography.Text type="secondary">{t('printing.screenHint')}</Typography.Text>
        {notices}
      </div>
      <article className="cfp-page">
        <div className="cfp-screen-mark">
          <span>{CONFIDENTIAL_MARK}</span>
          <span>{data.schoolName}</span>
        </div>
        <h1>{title}</h1>
        <div className="cfp-meta">{[data.schoolName, t('printing.printedBy', { who: data.printedBy.displayName, when: printedAt })].join('　')}</div>
        <h2>{t('printing.sections.basic')}</h2>
        <BasicData student={data.student} />
        {children}
        <footer className="cfp-footer">{t('printing.footer')}</footer>
      </article>
    </div>
  );
}

export function BreakGlassNotice() {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon title={t('printing.breakGlassNotice')} />;
}
