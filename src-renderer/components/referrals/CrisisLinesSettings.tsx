import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { crisisLineSchema, type CrisisLine } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { useWrite } from '../../api/mutations';
import { callKey, useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import { shownOnlyWith } from '../shownOnlyWith';
import { ErrorAlert } from '../ErrorAlert';
import { rule } from './shared';

const shape = crisisLineSchema.shape;

/** The school's and local crisis lines (used in safety plans) in Settings: settings.manage only. */
export const CrisisLinesSettings = shownOnlyWith('settings.manage', CrisisLinesForm);

function CrisisLinesForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const lines = useCallQuery('crisis.lines', {});
  const [form] = Form.useForm<{ lines: CrisisLine[] }>();
  const save = useWrite('crisis.setLines', {
    onSuccess: (saved) => {
      queryClient.setQueryData(callKey('crisis.lines', {}), saved);
      void message.success(t('referrals.lines.saved'));
    },
  });
  const submit = async (values: { lines?: CrisisLine[] }) => {
    const cleaned = (values.lines ?? []).map((line) => ({ name: line.name?.trim() ?? '', phone: line.phone?.trim() ?? '', note: line.note?.trim() ?? '' }));
    // The form's rules are the contract's, so what is left is shown by the alert above the list.
    await save.run({ lines: cleaned });
  };
  return (
    <Card title={t('referrals.lines.title')} data-testid="crisis-lines-settings">
      <Typography.Paragraph type="secondary">{t('referrals.lines.intro')}</Typography.Paragraph>
      {lines.isError ? <Alert type="error" showIcon title={errorMessage(lines.error, t)} /> : null}
      {lines.isPending ? <Skeleton active /> : null}
      {lines.data ? (
        <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={save.pending} initialValues={{ lines: lines.data }}>
          <ErrorAlert message={save.error} />
          <Form.List name="lines">
            {(rows, { add, remove }) => (
              <Flex vertical gap={0}>
                {rows.map((row, index) => (
                  <Flex key={row.key} gap={8} align="start">
                    <Form.Item
                      name={[row.name, 'name']}
                      label={index === 0 ? t('referrals.lines.name') : undefined}
                      rules={[rule(shape.name, 'name', t)]}
                      style={{ flex: 2 }}
                    >
                      <Input maxLength={TEXT_MAX.shortName} aria-label={t('referrals.lines.name')} />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'phone']}
                      label={index === 0 ? t('referrals.lines.phone') : undefined}
                      rules={[rule(shape.phone, 'phone', t, true)]}
                      style={{ flex: 1 }}
                    >
                      <Input maxLength={TEXT_MAX.directoryPhone} aria-label={t('referrals.lines.phone')} />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'note']}
                      label={index === 0 ? t('referrals.lines.note') : undefined}
                      rules={[rule(shape.note, 'note', t, true)]}
                      style={{ flex: 2 }}
                    >
                      <Input maxLength={TEXT_MAX.remark} aria-label={t('referrals.lines.note')} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('referrals.lines.remove')}
                      onClick={() => remove(row.name)}
                      style={{ marginTop: index === 0 ? 30 : 0 }}
                    />
                  </Flex>
                ))}
                <Flex gap={8}>
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '', note: '' })} disabled={rows.length >= 20}>
                    {t('referrals.lines.add')}
                  </Button>
                  <Button type="primary" htmlType="submit" loading={save.pending}>
                    {t('common.save')}
                  </Button>
                </Flex>
              </Flex>
            )}
          </Form.List>
        </Form>
      ) : null}
    </Card>
  );
}
