import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Typography, Upload } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { ATTACHMENT_EXTENSIONS } from '../../src-shared/contract/attachments';
import { formatBytes } from '../files/importFile';

/**
 * Files chosen in a form to be uploaded after it is saved: the button that picks one (nothing is
 * uploaded by the picker itself), and under it why the last choice was refused (the caller checks
 * type and size and says it in its own words).
 */
export function AttachmentChooser({ label, onChoose, error }: { label: ReactNode; onChoose: (file: File) => void; error: string | null }) {
  return (
    <>
      <Upload
        accept={{ format: ATTACHMENT_EXTENSIONS.join(','), filter: 'native' }}
        multiple
        showUploadList={false}
        beforeUpload={(file) => {
          onChoose(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />}>{label}</Button>
      </Upload>
      {error ? (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', marginTop: 8 }}>
          {error}
        </Typography.Text>
      ) : null}
    </>
  );
}

/** The chosen files, not uploaded yet: each one's name and size, and the button that takes it off the list. */
export function ChosenFiles({
  files,
  onChange,
  removeLabel,
  lineStyle,
}: {
  files: File[];
  onChange: (files: File[]) => void;
  removeLabel: ReactNode;
  lineStyle?: CSSProperties;
}) {
  return files.map((file, index) => (
    <Flex key={`${file.name}-${index}`} align="center" gap={8} style={lineStyle}>
      <PaperClipOutlined />
      <span>{file.name}</span>
      <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
      <Button type="link" size="small" onClick={() => onChange(files.filter((_, i) => i !== index))}>
        {removeLabel}
      </Button>
    </Flex>
  ));
}
