import { Alert, Button, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArchivedCase } from '../../../src-shared/contract/archive';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Navigate } from '../../router';
import { localDate } from './archive-common';

/** 档案检索: archived cases by 学号, name, case number or closing year; opening one goes through the case page's gate. */
export function SearchTab({ onNavigate }: { onNavigate: Navigate }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [input, setInput] = useState<{ query: string; closedYear?: number }>({ query: '' });
  const search = useCallQuery('archive.search', input);
  const submit = () => setInput({ query: draft.trim(), ...(year ? { closedYear: year } : {}) });
  const columns: ColumnsType<ArchivedCase> = [
    { title: t('archive.search.caseNo'), dataIndex: 'caseNo' },
    { title: t('archive.search.student'), key: 'student', render: (_, row) => row.student.name },
    { title: t('archive.search.studentNo'), key: 'studentNo', render: (_, row) => row.student.studentNo },
    { title: t('archive.search.counselor'), key: 'counselor', render: (_, row) => row.counselor.displayName },
    { title: t('archive.search.closedAt'), dataIndex: 'closedAt', render: (value: string | null) => localDate(value) },
    { title: t('archive.search.archivedAt'), dataIndex: 'archivedAt', render: (value: string | null) => localDate(value) },
    {
      title: '',
      key: 'open',
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => onNavigate('case', row.caseId)} aria-label={`${t('archive.search.open')} ${row.caseNo}`}>
          {t('archive.search.open')}
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onSearch={submit}
          placeholder={t('archive.search.placeholder')}
          aria-label={t('archive.search.placeholder')}
          enterButton={t('archive.search.submit')}
          allowClear
          style={{ width: 320 }}
        />
        <InputNumber
          value={year}
          onChange={(value) => setYear(value)}
          min={1990}
          max={2200}
          placeholder={t('archive.search.closedYear')}
          aria-label={t('archive.search.closedYear')}
          onPressEnter={submit}
        />
      </Space>
      <Typography.Text type="secondary">
        <Tag>{t('archive.search.readOnly')}</Tag>
        {t('archive.intro')}
      </Typography.Text>
      {search.isError ? <Alert type="error" showIcon title={errorMessage(search.error, t)} /> : null}
      <Table<ArchivedCase>
        rowKey="caseId"
        size="middle"
        columns={columns}
        dataSource={search.data ?? []}
        loading={search.isPending}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('archive.search.empty') }}
        scroll={{ x: 800 }}
      />
    </Space>
  );
}
