import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { channels } from '../../../src-shared/contract';
import type { Navigate } from '../../router';
import { useCan } from '../../session';

/** Opens a printable document (#/print/<document>:<id>) for those who may print it. */
export function PrintButton({ document, id, onNavigate }: { document: 'case-file' | 'case'; id: string; onNavigate: Navigate }) {
  const { t } = useTranslation();
  const mayPrint = useCan(channels[document === 'case' ? 'print.case' : 'print.caseFile'].permission);
  if (!mayPrint) return null;
  return (
    <Button icon={<PrinterOutlined />} onClick={() => onNavigate('print', `${document}:${id}`)}>
      {t(document === 'case' ? 'printing.printCase' : 'printing.printCaseFile')}
    </Button>
  );
}
