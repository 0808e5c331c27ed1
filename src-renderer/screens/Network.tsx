import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NETWORK_LEVELS, type NetworkLevel, type NetworkPerson } from '../../src-shared/contract';
import { rolesGrant } from '../../src-shared/permissions';
import { call } from '../api/client';
import { useWrite } from '../api/mutations';
import { useCallQuery } from '../api/queries';
import { NetworkImportModal } from '../components/network/NetworkImportModal';
import { PersonFormModal } from '../components/network/PersonFormModal';
import { ErrorAlert } from '../components/ErrorAlert';
import { saveBase64File, XLSX_TYPE } from '../files/importFile';
import { errorMessage } from '../i18n/errors';
import { useSession } from '../session';
import { textOr } from '../i18n/keys';

/** 工作网络: who is who in the four levels, per school year; import, export, add, correct, mark as left. */
export function Network() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { session } = useSession();
  const canManage = rolesGrant(session.roles, 'network.manage');
  const years = useCallQuery('network.years', {});
  const [year, setYear] = useState<string | undefined>(undefined);
  const schoolYear = year ?? years.data?.current;
  const [level, setLevel] = useState<NetworkLevel | undefined>(undefined);
  const [query, setQuery] = useState('');
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<NetworkPerson | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const people = useCallQuery(
    'network.people',
    { ...(schoolYear ? { schoolYear } : {}), ...(level ? { level } : {}), ...(query.trim() ? { query: query.trim() } : {}), includeRetired: showRetired },
    { enabled: !!schoolYear },
  );

  const download = async (channel: 'network.template' | 'network.export') => {
    try {
      const file = channel === 'network.template' ? await call('network.template', {}) : await call('network.export', schoolYear ? { schoolYear } : {});
      saveBase64File(file.contentBase64, file.fileName, XLSX_TYPE);
    } catch (e) {
      void message.error(errorMessage(e, t));
    }
  };

  const retireAction = useWrite('network.retire', {
    onSuccess: () => void message.success(t('network.list.retiredDone')),
    onError: (failure) => void message.error(errorMessage(failure, t)),
  });
  const retire = (person: NetworkPerson) => retireAction.run({ id: person.id });

  const place = (p: NetworkPerson) => [p.department, `${p.grade ?? ''}${p.className ?? ''}`].filter(Boolean).join(' ');

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('network.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('network.intro')}
      </Typography.Paragraph>
      <Card size="small">
        <Flex gap={12} wrap align="center" justify="space-between">
          <Space wrap>
            <Select
              aria-label={t('network.list.schoolYear')}
              style={{ width: 140 }}
              value={schoolYear}
              onChange={setYear}
              options={(years.data?.years ?? []).map((y) => ({ value: y, label: y }))}
            />
            <Select
              aria-label={t('network.fields.level')}
              style={{ width: 180 }}
              allowClear
              placeholder={t('network.list.allLevels')}
              value={level}
              onChange={setLevel}
              options={NETWORK_LEVELS.map((lv) => ({ value: lv, label: t(`network.levels.${lv}`) }))}
            />
            <Input.Search allowClear style={{ width: 260 }} placeholder={t('network.list.search')} onSearch={setQuery} />
            <Space>
              <Switch size="small" checked={showRetired} onChange={setShowRetired} aria-label={t('network.list.showRetired')} />
              <Typography.Text>{t('network.list.showRetired')}</Typography.Text>
            </Space>
          </Space>
          <Space wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void download('network.template')}>
              {t('network.list.template')}
            </Button>
            {canManage && (
              <>
                <Button icon={<DownloadOutlined />} onClick={() => void download('network.export')}>
                  {t('network.list.export')}
                </Button>
                <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
                  {t('network.list.import')}
                </Button>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                  {t('network.list.add')}
                </Button>
              </>
            )}
          </Space>
        </Flex>
      </Card>
      <ErrorAlert message={people.error ? errorMessage(people.error, t) : null} />
      <Table<NetworkPerson>
        size="middle"
        rowKey="id"
        loading={people.isLoading}
        scroll={{ x: 1200 }}
        dataSource={people.data?.rows ?? []}
        locale={{ emptyText: t('network.list.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (count) => t('network.list.count', { count }) }}
        columns={[
          { title: t('network.fields.level'), dataIndex: 'level', width: 130, render: (lv: NetworkLevel) => t(`network.levels.${lv}`) },
          { title: t('network.fields.role'), dataIndex: 'role', width: 170, render: (role: string) => textOr(`network.roles.${role}`, role, t) },
          {
            title: t('network.fields.name'),
            dataIndex: 'name',
            width: 150,
            render: (name: string, p) => (
              <Flex vertical>
                <span>{name}</span>
                {p.studentNo && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p.studentNo}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
          { title: `${t('network.fields.department')} / ${t('network.fields.className')}`, key: 'place', render: (_: unknown, p) => place(p) },
          { title: t('network.fields.office'), dataIndex: 'office', render: (v: string | null) => v ?? '' },
          { title: t('network.fields.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '' },
          {
            title: t('network.fields.account'),
            dataIndex: 'accountName',
            render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('network.list.noAccount')}</Typography.Text>,
          },
          {
            title: t('network.fields.term'),
            key: 'term',
            render: (_: unknown, p) => (p.termFrom || p.termTo ? `${p.termFrom ?? ''} ~ ${p.termTo ?? ''}` : ''),
          },
          {
            title: t('network.fields.status'),
            key: 'status',
            width: 90,
            render: (_: unknown, p) => (p.retiredAt ? <Tag>{t('network.list.retired')}</Tag> : <Tag color="green">{t('network.list.active')}</Tag>),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, p: NetworkPerson) =>
                    p.retiredAt ? null : (
                      <Space size={0}>
                        <Button type="link" size="small" onClick={() => setEditing(p)}>
                          {t('network.list.edit')}
                        </Button>
                        <Popconfirm
                          title={t('network.list.retireConfirm', { name: p.name })}
                          onConfirm={() => void retire(p)}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                        >
                          <Button type="link" size="small" danger>
                            {t('network.list.retire')}
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {editing && schoolYear && <PersonFormModal schoolYear={schoolYear} person={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      <NetworkImportModal open={importing} onClose={() => setImporting(false)} />
    </Flex>
  );
}
