import { App, Button, Card, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWrite } from '../api/mutations';
import { callKey, useCallQuery } from '../api/queries';
import { assessmentErrorMessage } from '../components/assessments/errors';
import { hasCenterSwitches, InstrumentOptionsModal } from '../components/assessments/InstrumentOptionsModal';
import { instrumentName, shortName } from '../components/assessments/labels';
import { optionsSummary } from '../components/assessments/optionsSummary';
import type { InstrumentSetting } from '../components/assessments/types';
import { WordingUploadModal } from '../components/assessments/WordingUploadModal';
import { useCan } from '../session';
import { listTableProps } from '../api/list-table';
import { ErrorAlert } from '../components/ErrorAlert';

const WORDING_COLORS: Record<InstrumentSetting['wordingSource'], string> = { shipped: 'green', loaded: 'blue', none: 'default' };

type Dialog = { kind: 'options'; setting: InstrumentSetting } | { kind: 'wording'; setting: InstrumentSetting } | null;

/** 测评量表 (the director): enable instruments, set switches and cutoffs, load licensed wording. */
export function Instruments() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canManage = useCan('instruments.manage');
  const list = useCallQuery('instruments.list', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: callKey('instruments.list') });
  /** A dialog's write went through: close it, say so, and read the list again. */
  const closeWith = (done: string) => () => {
    setDialog(null);
    void message.success(done);
    void refresh();
  };
  const [toggling, setToggling] = useState<string | null>(null);
  const toggle = useWrite('instruments.configure', {
    onSuccess: (setting) => {
      void message.success(
        t(setting.enabled ? 'assessments.instruments.enabledOn' : 'assessments.instruments.enabledOff', { name: instrumentName(setting.id) }),
      );
      void refresh();
    },
    onError: (failure) => {
      void message.error(assessmentErrorMessage(failure, t));
      void refresh();
    },
  });

  const columns: ColumnsType<InstrumentSetting> = [
    {
      title: t('assessments.instruments.name'),
      key: 'name',
      render: (_, s) => (
        <>
          <div>{instrumentName(s.id)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {shortName(s.id)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('assessments.instruments.items'),
      dataIndex: 'itemCount',
      align: 'right',
      render: (count: number) => t('assessments.instruments.itemCount', { count }),
    },
    {
      title: t('assessments.instruments.enabled'),
      dataIndex: 'enabled',
      render: (enabled: boolean, s) => (
        <Switch
          checked={enabled}
          disabled={!canManage}
          loading={toggle.pending && toggling === s.id}
          onChange={(checked) => {
            setToggling(s.id);
            void toggle.run({ instrument: s.id, enabled: checked });
          }}
          aria-label={`${t('assessments.instruments.enabled')} ${shortName(s.id)}`}
        />
      ),
    },
    {
      title: t('assessments.instruments.wording'),
      dataIndex: 'wordingSource',
      render: (source: InstrumentSetting['wordingSource']) => <Tag color={WORDING_COLORS[source]}>{t(`assessments.instruments.wordingStates.${source}`)}</Tag>,
    },
    {
      title: t('assessments.instruments.settings'),
      key: 'settings',
      render: (_, s) => {
        const parts = hasCenterSwitches(s.id) ? optionsSummary(t, pickCenterOptions(s.options)) : [];
        return parts.length ? (
          <span style={{ fontSize: 13 }}>{parts.join('；')}</span>
        ) : (
          <Typography.Text type="secondary">{t('assessments.instruments.noSwitches')}</Typography.Text>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_, s) =>
        canManage ? (
          <Space size={0}>
            {hasCenterSwitches(s.id) ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'options', setting: s })}>
                {t('assessments.instruments.edit')}
              </Button>
            ) : null}
            {s.scoringOnly ? (
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'wording', setting: s })}>
                {t('assessments.instruments.loadWording')}
              </Button>
            ) : null}
          </Space>
        ) : null,
    },
  ];

  return (
    <Card title={t('assessments.instruments.title')}>
      <Typography.Paragraph type="secondary">{t('assessments.instruments.intro')}</Typography.Paragraph>
      <ErrorAlert message={list.isError ? assessmentErrorMessage(list.error, t) : null} />
      <Table<InstrumentSetting> {...listTableProps(list)} columns={columns} scroll={{ x: 960 }} />
      {dialog?.kind === 'options' ? (
        <InstrumentOptionsModal setting={dialog.setting} onClose={() => setDialog(null)} onSaved={closeWith(t('assessments.instruments.saved'))} />
      ) : null}
      {dialog?.kind === 'wording' ? (
        <WordingUploadModal setting={dialog.setting} onClose={() => setDialog(null)} onLoaded={closeWith(t('assessments.instruments.loaded'))} />
      ) : null}
    </Card>
  );
}

/** The per-administration UPI inputs (asks for counseling, auxiliary answers) are not center settings. */
function pickCenterOptions(options: Record<string, unknown>): Record<string, unknown> {
  const { asksForCounseling: _asks, auxiliaryAffirmative: _aux, ...rest } = options;
  return rest;
}
