import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Flex, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseServerKeyFile, type ServerKeyFileProblem } from '../../../src-shared/sync/server-key-file';
import { ErrorAlert } from '../ErrorAlert';

/** A key file is a few hundred bytes; anything much larger is not one. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** The command the school IT runs on the server (README: school-server keys). */
export const SERVER_KEYS_COMMAND = 'npm run school-server -- keys --dir D --identity key.txt --out school-server-keys.txt';

function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

/** SHA-256 of the key's DER, in hex: the fingerprint `school-server keys` prints next to it. */
export async function pemFingerprint(pem: string): Promise<string | null> {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  if (!body || typeof crypto === 'undefined' || !crypto.subtle) return null;
  try {
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', der));
    return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
  } catch {
    return null;
  }
}

const grouped = (hex: string) => hex.match(/.{1,4}/g)?.join(' ') ?? hex;
const shortRecipient = (recipient: string) => (recipient.length > 24 ? `${recipient.slice(0, 14)}…${recipient.slice(-8)}` : recipient);

type Problem = ServerKeyFileProblem | 'unreadable' | 'tooLarge' | 'fingerprintMismatch';

/**
 * 连接学校服务器, step 1: the server's public keys come from the file `school-server keys` writes,
 * chosen with a file chooser; the two keys go into the form (saved with the other settings).
 */
export function ServerKeyImport({
  recipient,
  signingKeyPem,
  editable,
  onImported,
}: {
  recipient: string;
  signingKeyPem: string;
  editable: boolean;
  onImported: (keys: { recipient: string; signingKeyPem: string }) => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [importedName, setImportedName] = useState<string | null>(null);
  const [fingerprint, setFingerprint] = useState<string | null>(null);
  const connected = Boolean(recipient.trim() && signingKeyPem.trim());

  useEffect(() => {
    let current = true;
    setFingerprint(null);
    if (signingKeyPem.trim()) void pemFingerprint(signingKeyPem).then((fp) => current && setFingerprint(fp));
    return () => {
      current = false;
    };
  }, [signingKeyPem]);

  const importFile = async (file: File) => {
    setProblem(null);
    setImportedName(null);
    if (file.size > MAX_KEY_FILE_BYTES) return setProblem('tooLarge');
    let text: string;
    try {
      text = await readText(file);
    } catch {
      return setProblem('unreadable');
    }
    const parsed = parseServerKeyFile(text);
    if (!parsed.ok) return setProblem(parsed.problem);
    // The fingerprint printed next to the key must be that key's: otherwise the file was altered.
    if (parsed.printedFingerprint) {
      const actual = await pemFingerprint(parsed.signingKeyPem);
      if (actual && actual !== parsed.printedFingerprint) return setProblem('fingerprintMismatch');
    }
    onImported({ recipient: parsed.recipient, signingKeyPem: parsed.signingKeyPem });
    setImportedName(file.name);
  };

  return (
    <Flex vertical gap={12} data-testid="sync-server-keys">
      {connected ? (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleOutlined />}
          title={importedName ? t('sync.server.connect.imported', { name: importedName }) : t('sync.server.connect.connected')}
        />
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 0 }}>{t('sync.server.connect.intro')}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: SERVER_KEYS_COMMAND }} style={{ marginBottom: 0 }}>
            <Typography.Text code>{SERVER_KEYS_COMMAND}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Text type="secondary">{t('sync.server.connect.dirHint')}</Typography.Text>
        </>
      )}
      {connected ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'recipient',
              label: t('sync.server.connect.recipient'),
              children: <Typography.Text code>{shortRecipient(recipient.trim())}</Typography.Text>,
            },
            {
              key: 'fingerprint',
              label: t('sync.server.connect.fingerprint'),
              children: fingerprint ? (
                <Flex vertical>
                  <Typography.Text code data-testid="sync-server-fingerprint">
                    {grouped(fingerprint)}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('sync.server.connect.fingerprintHint')}</Typography.Text>
                </Flex>
              ) : (
                '—'
              ),
            },
          ]}
        />
      ) : null}
      {editable ? (
        <div>
          <Upload
            accept=".txt,.pem,.pub,text/plain"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void importFile(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} type={connected ? 'default' : 'primary'}>
              {connected ? t('sync.server.connect.reimport') : t('sync.server.connect.import')}
            </Button>
          </Upload>
        </div>
      ) : null}
      <ErrorAlert message={problem ? t(`sync.server.connect.problems.${problem}`) : null} />
    </Flex>
  );
}
