import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/errors';
import { useSession } from '../../session';
import './referrals-print.css';

/** The same bilingual marking in every interface language, as confidential documents carry it. */
const CONFIDENTIAL = '机密 / Confidential';

/**
 * The page around a printable referral letter or safety plan: the 打印 button (audited through
 * `record` before the print dialog opens), the 机密 header with the school, and the footer with
 * who printed it and when.
 */
export function ReferralsPrintFrame({
  schoolName,
  record,
  children,
  testId,
}: {
  schoolName: string;
  record: () => Promise<unknown>;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const [printedAt] = useState(() => dayjs().format('YYYY-MM-DD HH:mm'));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const print = async () => {
    setPending(true);
    setError(null);
    try {
      await record();
      window.print();
    } catch (failure) {
      setError(errorMessage(failure, t));
    } finally {
      setPending(false);
    }
  };
  return (
    <div>
      <div className="rp-toolbar no-print">
        <Button icon={<ArrowLeftOutlined />} onClick={() => window.history.back()}>
          {t('referrals.print.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => void print()} loading={pending}>
          {t('referrals.print.print')}
        </Button>
        {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      </div>
      <article className="rp-page" data-testid={testId}>
        <header className="rp-header">
          <span className="rp-confidential">{CONFIDENTIAL}</span>
          <span>
            {schoolName} {t('referrals.print.center')}
          </span>
        </header>
        <div className="rp-body">{children}</div>
        <footer className="rp-footer">
          <span>{t('referrals.print.footer')}</span>
          <span>{t('referrals.print.printedBy', { name: session.displayName, at: printedAt })}</span>
        </footer>
      </article>
    </div>
  );
}

/** Signature and date lines side by side at the foot of a printed document, one block per signer (their label). */
export function SignatureLines({ signers }: { signers: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="rp-signatures">
      {signers.map((signer) => (
        <div key={signer} className="rp-signature">
          {signer}：<span className="rp-signature-line" />
          <br />
          {t('referrals.print.date')}：<span className="rp-signature-line" />
        </div>
      ))}
    </div>
  );
}
