import { FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoteSummary } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { useCan } from '../../session';
import { shownOnlyWith } from '../shownOnlyWith';
import { NoteStatusTags } from './note-common';
import { localTime } from '../../../src-shared/labels/local-time';
import { WorkbenchCard } from '../workbench/WorkbenchCard';

function NoteLine({ note, onNavigate, showAuthor = false }: { note: NoteSummary; onNavigate: Navigate; showAuthor?: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" gap={8} wrap data-testid="notes-panel-item">
      <Space size={4} wrap>
        <Typography.Text strong>{note.student.name}</Typography.Text>
        <Typography.Text type="secondary">{note.caseNo}</Typography.Text>
        <Typography.Text>{localTime(note.sessionAt)}</Typography.Text>
        {showAuthor ? <Typography.Text type="secondary">{note.author.displayName}</Typography.Text> : null}
        <NoteStatusTags note={note} />
        {note.status === 'draft' || note.status === 'unlocked' ? (
          <Typography.Text type={note.overdue ? 'danger' : 'secondary'}>{t('notes.panel.dueAt', { at: localTime(note.signDueAt) })}</Typography.Text>
        ) : null}
      </Space>
      <Button type="link" size="small" onClick={() => onNavigate('case', note.caseId)}>
        {t('notes.panel.openCase')}
      </Button>
    </Flex>
  );
}

/** On the workbench: the author's unsigned notes (overdue first) and, for supervisors, notes to co-sign. */
export const NotesPanel = shownOnlyWith('cases.clinical', NotesPanelBody);

function NotesPanelBody({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const canCosign = useCan('notes.cosign');
  const mine = useCallQuery('notes.mine', {});
  const queue = useCallQuery('notes.cosignQueue', {}, { enabled: canCosign });
  const own = [...(mine.data ?? [])].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  return (
    <WorkbenchCard testId="notes-panel" icon={<FileTextOutlined />} title={t('notes.panel.title')}>
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={canCosign ? 12 : 24}>
          <Typography.Title level={5}>{t('notes.panel.mine')}</Typography.Title>
          {mine.isError ? <Alert type="error" showIcon title={errorMessage(mine.error, t)} /> : null}
          {mine.data && own.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notes.panel.noneMine')} /> : null}
          <Flex vertical gap={8}>
            {own.map((note) => (
              <NoteLine key={note.id} note={note} onNavigate={onNavigate} />
            ))}
          </Flex>
        </Col>
        {canCosign ? (
          <Col xs={24} lg={12}>
            <Flex justify="space-between" align="baseline">
              <Typography.Title level={5}>{t('notes.panel.cosign')}</Typography.Title>
              <Button type="link" size="small" onClick={() => onNavigate('cosign')}>
                {t('notes.panel.cosignAll')}
              </Button>
            </Flex>
            {queue.isError ? <Alert type="error" showIcon title={errorMessage(queue.error, t)} /> : null}
            {queue.data && queue.data.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notes.panel.noneCosign')} /> : null}
            <Flex vertical gap={8}>
              {(queue.data ?? []).map((note) => (
                <NoteLine key={note.id} note={note} onNavigate={onNavigate} showAuthor />
              ))}
            </Flex>
          </Col>
        ) : null}
      </Row>
    </WorkbenchCard>
  );
}
