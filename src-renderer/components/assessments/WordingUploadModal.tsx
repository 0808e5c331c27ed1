import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { wordingFileSchema } from '../../../src-shared/contract';
import { useWrite } from '../../api/mutations';
import { ErrorAlert } from '../ErrorAlert';
import { assessmentActionError } from './errors';
import { instrumentName } from './labels';
import type { InstrumentSetting } from './types';

type WordingFile = z.output<typeof wordingFileSchema>;

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The text of a local file (FileReader: works in every renderer, jsdom included). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file, 'utf-8');
  });
}

/** Reads and checks a wording file locally; the core checks it again (and the item count) on load. */
export async function readWordingFile(file: Blob): Promise<{ ok: true; wording: WordingFile } | { ok: false; error: 'notJson' | 'badFile'; path?: string }> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: 'badFile', path: 'size' };
  let json: unknown;
  try {
    json = JSON.parse(await readText(file));
  } catch {
    return { ok: false, error: 'notJson' };
  }
  const parsed = wordingFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: 'badFile', path: parsed.error.issues[0]?.path.join('.') || '-' };
  return { ok: true, wording: parsed.data };
}

export function WordingUploadModal({
  setting,
  onClose,
  onLoaded,
}: {
  setting: InstrumentSetting;
  onClose: () => void;
  onLoaded: (setting: InstrumentSetting) => void;
}) {
  const { t } = useTranslation();
  const [wording, setWording] = useState<WordingFile | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const loadWording = useWrite('instruments.loadWording', { onSuccess: onLoaded });
  const mismatch = wording !== null && wording.items.length !== setting.itemCount;

  const pick = async (file: Blob & { name?: string }) => {
    setFileError(null);
    loadWording.reset();
    setWording(null);
    setFileName(file.name ?? null);
    const read = await readWordingFile(file);
    if (read.ok) setWording(read.wording);
    else setFileError(read.error === 'notJson' ? t('assessments.instruments.notJson') : t('assessments.instruments.badFile', { path: read.path }));
  };

  const load = async () => {
    if (!wording) return;
    await loadWording.run({ instrument: setting.id, wording });
  };

  return (
    <Modal
      open
      title={t('assessments.instruments.wordingTitle', { name: instrumentName(setting.id) })}
      okText={t('assessments.instruments.load')}
      cancelText={t('common.cancel')}
      onOk={() => void load()}
      onCancel={onClose}
      okButtonProps={{ disabled: !wording }}
      confirmLoading={loadWording.pending}
      mask={{ closable: false }}
      width={640}
    >
      <ErrorAlert message={fileError ?? assessmentActionError(loadWording, t)} />
      <Typography.Paragraph>{t('assessments.instruments.wordingIntro')}</Typography.Paragraph>
      <Upload
        accept=".json,application/json"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          void pick(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>{t('assessments.instruments.pickFile')}</Button>
      </Upload>
      {fileName ? (
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {fileName}
        </Typography.Text>
      ) : null}
      {wording ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginTop: 16 }}
          items={[
            {
              key: 'summary',
              label: t('assessments.instruments.wording'),
              children: t('assessments.instruments.fileSummary', { title: wording.title, count: wording.items.length }),
            },
            ...(wording.source ? [{ key: 'source', label: t('assessments.instruments.source'), children: wording.source }] : []),
          ]}
        />
      ) : null}
      {mismatch ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('assessments.instruments.countMismatch', { actual: wording.items.length, expected: setting.itemCount })}
        />
      ) : null}
    </Modal>
  );
}
