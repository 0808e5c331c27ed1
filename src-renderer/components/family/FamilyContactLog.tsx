import { Alert, Flex, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FamilyContact } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { useCan, useScope } from '../../session';
import { AddFamilyContactModal } from './AddFamilyContactModal';
import { localTime } from '../../../src-shared/labels/local-time';
import { SectionHeading } from '../SectionHeading';

const preWrap = { whiteSpace: 'pre-wrap' as const, margin: 0 };

/** The columns of the log, shared by the student file's tab and the 家校沟通 page. */
export function useFamilyColumns(options: { withStudent?: boolean; onOpenStudent?: (id: string) => void } = {}) {
  const { t } = useTranslation();
  return [
    { key: 'contactedAt', title: t('family.columns.contactedAt'), width: 140, render: (_: unknown, row: FamilyContact) => localTime(row.contactedAt) },
    ...(options.withStudent
      ? [
          {
            key: 'student',
            title: t('family.columns.student'),
            width: 140,
            render: (_: unknown, row: FamilyContact) =>
              options.onOpenStudent ? (
                <Typography.Link onClick={() => options.onOpenStudent!(row.student.id)}>{`${row.student.name} ${row.student.studentNo}`}</Typography.Link>
              ) : (
                `${row.student.name} ${row.student.studentNo}`
              ),
          },
        ]
      : []),
    {
      key: 'way',
      title: t('family.columns.way'),
      width: 110,
      render: (_: unknown, row: FamilyContact) => (
        <Flex vertical gap={2}>
          <span>{t(`family.ways.${row.way}`)}</span>
          {row.source === 'crisis' ? (
            <Tag color="red" style={{ width: 'fit-content' }}>
              {t('family.fromCrisis', { eventNo: row.eventNo })}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'target',
      title: t('family.columns.target'),
      width: 150,
      render: (_: unknown, row: FamilyContact) => (
        <Flex vertical gap={2}>
          <span>{row.targetRelation ? `${row.target.name}（${row.targetRelation}）` : row.target.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`family.targetKinds.${row.targetKind}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'contactor',
      title: t('family.columns.contactor'),
      width: 110,
      render: (_: unknown, row: FamilyContact) => row.contactor?.name ?? row.recordedBy?.displayName ?? t('family.dash'),
    },
    {
      key: 'purpose',
      title: t('family.columns.purpose'),
      width: 160,
      render: (_: unknown, row: FamilyContact) => <Typography.Paragraph style={preWrap}>{row.purpose}</Typography.Paragraph>,
    },
    {
      key: 'summary',
      title: t('family.columns.summary'),
      render: (_: unknown, row: FamilyContact) => <Typography.Paragraph style={preWrap}>{row.summary}</Typography.Paragraph>,
    },
    {
      key: 'followUp',
      title: t('family.columns.followUp'),
      width: 160,
      render: (_: unknown, row: FamilyContact) => <Typography.Paragraph style={preWrap}>{row.followUp ?? t('family.dash')}</Typography.Paragraph>,
    },
    {
      key: 'recordedBy',
      title: t('family.columns.recordedBy'),
      width: 90,
      render: (_: unknown, row: FamilyContact) => row.recordedBy?.displayName ?? t('family.dash'),
    },
  ];
}

/** 家校沟通 on the student file: the log (with the crisis events' guardian notifications) and the button to record one. */
export function FamilyContactLog({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('family.write');
  const ownOnly = useScope('family.read') === 'own';
  const log = useCallQuery('family.forStudent', { studentId });
  const columns = useFamilyColumns();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12} data-testid="family-contact-log">
      <SectionHeading title={t('family.title')} addLabel={t('family.add')} onAdd={canWrite && log.data?.eligible ? () => setAdding(true) : undefined} />
      <Typography.Text type="secondary">{ownOnly ? t('family.ownOnly') : t('family.intro')}</Typography.Text>
      {log.data && !log.data.eligible ? <Alert type="info" showIcon title={t('family.notEligible')} /> : null}
      {log.isError ? <Alert type="error" showIcon title={errorMessage(log.error, t)} /> : null}
      <Table<FamilyContact>
        size="small"
        rowKey={(row) => `${row.source}-${row.id}`}
        loading={log.isPending}
        dataSource={log.data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('family.empty') }}
        columns={columns}
      />
      {adding && log.data ? <AddFamilyContactModal studentId={studentId} guardians={log.data.guardians} onClose={() => setAdding(false)} /> : null}
    </Flex>
  );
}
