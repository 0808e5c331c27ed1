import { Alert, Button, Card, Drawer, Skeleton, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteSummary } from '../../src-shared/contract';
import { useCallQuery } from '../api/queries';
import { NoteStatusTags } from '../components/notes/note-common';
import { NoteView } from '../components/notes/NoteView';
import { errorMessage } from '../i18n/errors';
import type { Navigate } from '../router';
import { localTime } from '../../src-shared/labels/local-time';
import { listTableProps } from '../api/list-table';
import { ErrorAlert } from '../components/ErrorAlert';

function CosignDrawer({ noteId, onClose }: { noteId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const note = useCallQuery('notes.get', { id: noteId });
  const template = useCallQuery('notes.getTemplate', {});
  return (
    <Drawer open title={t('notes.editor.viewTitle')} size={760} onClose={onClose} destroyOnHidden>
      {note.isError ? <Alert type="error" showIcon title={errorMessage(note.error, t)} /> : null}
      {note.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {note.data ? <NoteView note={note.data} template={template.data} onChanged={(updated) => updated.status === 'signed' && onClose()} /> : null}
    </Drawer>
  );
}

/** 待督导签名: trainees' notes waiting for the signed-in supervisor (every one for the director). */
export function CosignQueue({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const queue = useCallQuery('notes.cosignQueue', {});
  const [openId, setOpenId] = useState<string | null>(null);
  const columns: ColumnsType<NoteSummary> = [
    { title: t('notes.fields.student'), key: 'student', render: (_, note) => note.student.name },
    {
      title: t('notes.fields.caseNo'),
      key: 'caseNo',
      render: (_, note) => (
        <Button type="link" size="small" onClick={() => onNavigate('case', note.caseId)}>
          {note.caseNo}
        </Button>
      ),
    },
    { title: t('notes.fields.author'), key: 'author', render: (_, note) => note.author.displayName },
    { title: t('notes.fields.sessionAt'), dataIndex: 'sessionAt', render: (value: string) => localTime(value) },
    { title: t('notes.cosign.submittedAt'), dataIndex: 'signedAt', render: (value: string | null) => localTime(value) },
    { title: t('notes.fields.status'), key: 'status', render: (_, note) => <NoteStatusTags note={note} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, note) => (
        <Button type="link" size="small" onClick={() => setOpenId(note.id)}>
          {t('notes.cosign.open')}
        </Button>
      ),
    },
  ];
  return (
    <Card title={t('notes.cosign.title')}>
      <Typography.Paragraph type="secondary">{t('notes.cosign.intro')}</Typography.Paragraph>
      <ErrorAlert message={queue.isError ? errorMessage(queue.error, t) : null} />
      <Table<NoteSummary> {...listTableProps(queue, t('notes.cosign.empty'))} columns={columns} />
      {openId ? <CosignDrawer noteId={openId} onClose={() => setOpenId(null)} /> : null}
    </Card>
  );
}
