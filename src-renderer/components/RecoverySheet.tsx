import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { localTime } from '../../src-shared/labels/local-time';

export function recoveryGroups(code: string): string[] {
  return code.split('-').filter(Boolean);
}

function CodeGroups({ code }: { code: string }) {
  return (
    <div className="recovery-code" aria-live="off">
      {recoveryGroups(code).map((group, index) => (
        <div key={index} className="recovery-group">
          <span className="recovery-group-number">{index + 1}</span>
          <span className="recovery-group-text">{group}</span>
        </div>
      ))}
    </div>
  );
}

/** What goes on paper: only this is printed (see the print rules in styles.css). */
function PrintableSheet({ code, schoolName, createdAt }: { code: string; schoolName: string; createdAt: Date }) {
  const { t } = useTranslation();
  return (
    <div className="print-sheet">
      <h1>{t('setup.recovery.sheetTitle')}</h1>
      <p className="print-product">{t('app.title')}</p>
      <p>{t('setup.recovery.sheetSchool', { school: schoolName })}</p>
      <p>{t('setup.recovery.sheetDate', { date: localTime(createdAt.toISOString()) })}</p>
      <CodeGroups code={code} />
      <p>{t('setup.recovery.sheetInstructions')}</p>
      <p>
        <strong>{t('setup.recovery.sheetKeep')}</strong>
      </p>
    </div>
  );
}

/** The recovery code, shown once: large, monospace, grouped, with a print button. */
export function RecoverySheet({ code, schoolName, createdAt }: { code: string; schoolName: string; createdAt: Date }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{t('setup.recovery.intro')}</Typography.Paragraph>
      <section aria-label={t('setup.recovery.sheetTitle')} className="recovery-sheet-screen">
        <CodeGroups code={code} />
      </section>
      <Alert type="warning" showIcon title={t('setup.recovery.warning')} />
      <div>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('setup.recovery.print')}
        </Button>
      </div>
      {createPortal(
        <div className="print-only">
          <PrintableSheet code={code} schoolName={schoolName} createdAt={createdAt} />
        </div>,
        document.body,
      )}
    </Flex>
  );
}
