import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Drawer, Skeleton, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Note } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useSession } from '../../session';
import { shownOnlyWith } from '../shownOnlyWith';
import { BreakGlassPrompt, isBreakGlassRequired } from '../access/BreakGlassPrompt';
import { NoteStatusTags } from './note-common';
import { NoteEditor } from './NoteEditor';
import { NoteView } from './NoteView';
import { localTime } from '../../../src-shared/labels/local-time';
import { isTraineeOnly, isDirector } from '../../../src-shared/permissions';

type Open = { kind: 'new' } | { kind: 'note'; id: string } | null;

function editable(note: Note, accountId: string): boolean {
  return note.author.id === accountId && (note.status === 'draft' || note.status === 'unlocked');
}

/**
 * A case's session notes (咨询记录): the list with status tags, and a drawer that edits the
 * author's draft or shows a locked note with its addenda. Notes are clinical content: a reader
 * outside the case states a reason first (break-glass). `counselorId`, when the case page knows
 * it, hides "new note" from those the core would refuse.
 */
export const CaseNotes = shownOnlyWith('cases.clinical', CaseNotesList);

function CaseNotesList({ caseId, counselorId }: { caseId: string; counselorId?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const [breakGlassReason, setBreakGlassReason] = useState<string | undefined>();
  const notes = useCallQuery('notes.list', breakGlassReason ? { caseId, breakGlassReason } : { caseId });
  const template = useCallQuery('notes.getTemplate', {});
  const [open, setOpen] = useState<Open>(null);
  const director = isDirector(session.roles);
  const canCreate = director || counselorId === undefined || counselorId === session.accountId;

  if (notes.isError && isBreakGlassRequired(notes.error)) {
    return <BreakGlassPrompt onSubmit={setBreakGlassReason} pending={notes.isFetching} />;
  }

  const current = open?.kind === 'note' ? notes.data?.find((note) => note.id === open.id) : undefined;
  const columns: ColumnsType<Note> = [
    {
      title: t('notes.fields.sessionAt'),
      dataIndex: 'sessionAt',
      render: (value: string) => localTime(value),
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
    },
    { title: t('notes.fields.mode'), dataIndex: 'mode', render: (mode: Note['mode']) => t(`notes.modes.${mode}`) },
    { title: t('notes.fields.minutes'), dataIndex: 'minutes' },
    { title: t('notes.fields.author'), key: 'author', render: (_, note) => note.author.displayName },
    { title: t('notes.fields.status'), key: 'status', render: (_, note) => <NoteStatusTags note={note} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, note) => (
        <Button type="link" size="small" onClick={() => setOpen({ kind: 'note', id: note.id })}>
          {editable(note, session.accountId) ? t('notes.caseNotes.edit') : t('notes.caseNotes.open')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('notes.title')}
      data-testid="case-notes"
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen({ kind: 'new' })} disabled={!template.data}>
            {t('notes.caseNotes.new')}
          </Button>
        ) : null
      }
    >
      {notes.isError ? <Alert type="error" showIcon title={errorMessage(notes.error, t)} /> : null}
      {notes.isPending ? <Skeleton active paragraph={{ rows: 2 }} /> : null}
      {notes.data ? (
        <Table<Note> rowKey="id" size="small" columns={columns} dataSource={notes.data} pagination={false} locale={{ emptyText: t('notes.caseNotes.empty') }} />
      ) : null}
      <Drawer
        open={open !== null && (open.kind === 'new' || current !== undefined)}
        title={
          open?.kind === 'new'
            ? t('notes.editor.newTitle')
            : current && editable(current, session.accountId)
              ? t('notes.editor.editTitle')
              : t('notes.editor.viewTitle')
        }
        size={760}
        onClose={() => setOpen(null)}
        destroyOnHidden
      >
        {template.data && open?.kind === 'new' ? (
          <NoteEditor
            caseId={caseId}
            note={null}
            template={template.data}
            trainee={isTraineeOnly(session.roles)}
            onDone={async ({ note, signed }) => {
              void message.success(t(signed ? (note.status === 'awaiting_cosign' ? 'notes.editor.submitted' : 'notes.editor.signed') : 'notes.editor.saved'));
              setOpen({ kind: 'note', id: note.id });
            }}
          />
        ) : null}
        {template.data && current && editable(current, session.accountId) ? (
          <NoteEditor
            key={`${current.id}-${current.updatedAt}`}
            caseId={caseId}
            note={current}
            template={template.data}
            trainee={isTraineeOnly(session.roles)}
            onDone={async ({ note, signed }) => {
              void message.success(t(signed ? (note.status === 'awaiting_cosign' ? 'notes.editor.submitted' : 'notes.editor.signed') : 'notes.editor.saved'));
            }}
          />
        ) : null}
        {current && !editable(current, session.accountId) ? <NoteView note={current} template={template.data} caseCounselorId={counselorId} /> : null}
      </Drawer>
    </Card>
  );
}
