import { Alert, App, Button, DatePicker, Divider, Flex, Form, Input, Radio, Select, Space, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { memo, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstrumentId } from '../../../src-shared/instruments';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { FormModal } from '../FormModal';
import { assessmentActionError, assessmentErrorMessage, errorItem } from './errors';
import { instrumentName, itemChoices, type AnswerChoice } from './labels';
import type { Answer, AssessmentDetail } from './types';

const itemField = (number: number) => `item_${number}`;

/** Yes/no scales read best without their numeric value; the others show it as printed on paper. */
const isYesNo = (options: AnswerChoice[]) => options.every((o) => o.value === 0 || o.value === 1 || o.value === 'NA');

/** One answer control: buttons for the options; clicking the chosen one again clears it (missing). */
function AnswerButtons({
  options,
  value,
  onChange,
  ariaLabel,
  id,
}: {
  options: AnswerChoice[];
  value?: number | 'NA';
  onChange?: (value: number | 'NA' | undefined) => void;
  ariaLabel: string;
  id?: string;
}) {
  const numbered = !isYesNo(options);
  return (
    <Radio.Group id={id} size="small" optionType="button" buttonStyle="solid" value={value} onChange={(e) => onChange?.(e.target.value)} aria-label={ariaLabel}>
      {options.map((option) => (
        <Radio.Button key={String(option.value)} value={option.value} onClick={() => (value === option.value ? onChange?.(undefined) : undefined)}>
          {numbered && option.value !== 'NA' ? `${option.value} ${option.label}` : option.label}
        </Radio.Button>
      ))}
    </Radio.Group>
  );
}

/**
 * Parses the quick-entry string: one character per item in order; digits are answers, `-` is a
 * missing answer, `n` is "not asked" (C-SSRS); spaces and commas are ignored.
 */
export function parseQuickEntry(
  text: string,
  items: { options: AnswerChoice[] }[],
): { ok: true; answers: (number | 'NA' | undefined)[] } | { ok: false; position: number; char: string } | { ok: false; count: number } {
  const answers: (number | 'NA' | undefined)[] = [];
  let position = 0;
  for (const char of text) {
    position += 1;
    if (/[\s,，]/.test(char)) continue;
    const index = answers.length;
    if (index >= items.length) {
      const count = [...text].filter((c) => !/[\s,，]/.test(c)).length;
      return { ok: false, count };
    }
    const options = items[index].options;
    let value: number | 'NA' | undefined;
    if (char === '-') value = undefined;
    else if (/^[nN]$/.test(char) && options.some((o) => o.value === 'NA')) value = 'NA';
    else if (/^\d$/.test(char) && options.some((o) => o.value === Number(char))) value = Number(char);
    else return { ok: false, position, char };
    answers.push(value);
  }
  return { ok: true, answers };
}

type ItemChoices = ReturnType<typeof itemChoices>;

/** "已填 5 / 7 题": watches the form on its own, so the item list does not re-render with it. */
function AnsweredCount({ form, items }: { form: FormInstance<Record<string, unknown>>; items: ItemChoices }) {
  const { t } = useTranslation();
  const values = Form.useWatch([], form) as Record<string, unknown> | undefined;
  const answered = items.filter((item) => values?.[itemField(item.number)] !== undefined).length;
  return <Typography.Text type="secondary">· {t('assessments.paper.answered', { answered, total: items.length })}</Typography.Text>;
}

/** Typing the answers as one string (long forms such as SCL-90 or UPI). */
function QuickEntry({ items, onApply }: { items: ItemChoices; onApply: (values: Record<string, unknown>) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const apply = () => {
    const parsed = parseQuickEntry(text, items);
    if (!parsed.ok) {
      setError(
        'count' in parsed
          ? t('assessments.paper.quickTooLong', { count: parsed.count, expected: items.length })
          : t('assessments.paper.quickBad', { position: parsed.position, char: parsed.char }),
      );
      return;
    }
    setError(null);
    onApply(Object.fromEntries(parsed.answers.map((value, index) => [itemField(items[index].number), value])));
  };
  return (
    <Form.Item
      label={t('assessments.paper.quick')}
      htmlFor="paper-quick"
      extra={error ? undefined : t('assessments.paper.quickHint')}
      validateStatus={error ? 'error' : undefined}
      help={error ?? undefined}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="paper-quick"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={(e) => (e.preventDefault(), apply())}
          className="mono-input"
          autoComplete="off"
          spellCheck={false}
        />
        <Button onClick={apply}>{t('assessments.paper.quickApply')}</Button>
      </Space.Compact>
    </Form.Item>
  );
}

/** One answer control per item; memoized, each Form.Item follows its own field. */
const ItemFields = memo(function ItemFields({ items, withText }: { items: ItemChoices; withText: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {items.map((item) => (
        <Form.Item
          key={item.number}
          name={itemField(item.number)}
          label={withText ? `${item.number}. ${item.text ?? t('assessments.paper.noText')}` : `${item.number}.`}
          layout={withText ? 'vertical' : 'horizontal'}
          style={{ marginBottom: withText ? 12 : 6 }}
          labelCol={withText ? undefined : { flex: '40px' }}
          colon={false}
        >
          <AnswerButtons options={item.options} ariaLabel={t('assessments.studentMode.itemRef', { number: item.number })} />
        </Form.Item>
      ))}
    </>
  );
});

interface Extras {
  asksForCounseling: 'yes' | 'no' | 'unknown';
  auxiliaryAffirmative: number | 'unknown';
}

export function PaperEntryModal({ studentId, onClose, onSaved }: { studentId: string; onClose: () => void; onSaved: (assessment: AssessmentDetail) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const instruments = useCallQuery('instruments.list', {});
  const enabled = (instruments.data ?? []).filter((i) => i.enabled);
  const [instrument, setInstrument] = useState<InstrumentId | undefined>();
  const [form] = Form.useForm<Record<string, unknown>>();
  const items = useMemo(() => (instrument ? itemChoices(instrument, t) : []), [instrument, t]);

  const pick = (id: InstrumentId) => {
    setInstrument(id);
    enter.reset();
    form.resetFields();
  };

  // The sentence stays above the form; an item the scorer refused is also marked beside it.
  const enter = useAction(
    (raw: Record<string, unknown>) => {
      const responses: Answer[] = items.map((item) => (raw[itemField(item.number)] as Answer | undefined) ?? null);
      const options: Record<string, unknown> = {};
      if (instrument === 'upi') {
        const extras = raw as unknown as Extras;
        options.asksForCounseling = extras.asksForCounseling === 'unknown' ? null : extras.asksForCounseling === 'yes';
        options.auxiliaryAffirmative = extras.auxiliaryAffirmative === 'unknown' ? null : extras.auxiliaryAffirmative;
      }
      // The buttons enter SCL-90 answers on the 1-5 scale whatever the center's default for files is.
      if (instrument === 'scl90') options.scaleOrigin = 1;
      const date = raw.administeredOn as Dayjs | null | undefined;
      return call('assessments.enterPaper', {
        studentId,
        instrument: instrument!,
        responses,
        ...(Object.keys(options).length ? { options } : {}),
        ...(date ? { administeredOn: date.format('YYYY-MM-DD') } : {}),
      });
    },
    {
      onSuccess: (saved) => {
        void message.success(t('assessments.paper.saved'));
        onSaved(saved);
      },
      onError: (failure) => {
        const item = errorItem(failure);
        if (item !== null && items.some((i) => i.number === item)) {
          form.setFields([{ name: itemField(item), errors: [t('assessments.paper.itemError')] }]);
          form.scrollToField(itemField(item));
        }
      },
    },
  );
  const submit = (raw: Record<string, unknown>) => (instrument ? enter.run(raw) : undefined);

  const withText = items.some((item) => item.text !== null);
  const hasNa = instrument === 'cssrs_screen';

  return (
    <FormModal<Record<string, unknown>>
      title={t('assessments.paper.title')}
      okText={t('assessments.paper.submit')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
      okDisabled={!instrument}
      pending={enter.pending}
      error={assessmentActionError(enter, t) ?? (instruments.isError ? assessmentErrorMessage(instruments.error, t) : null)}
      width={instrument && !withText && items.length > 20 ? 1080 : 860}
      bodyStyle={{ maxHeight: 'calc(100vh - 240px)', overflowY: 'auto', paddingRight: 8 }}
      initialValues={{ asksForCounseling: 'unknown', auxiliaryAffirmative: 'unknown' }}
      extra={instrument ? <Alert type="info" showIcon title={t('assessments.notDiagnosis')} style={{ marginTop: 8 }} /> : null}
    >
      <Flex gap={16} wrap>
        <Form.Item label={t('assessments.paper.instrument')} htmlFor="paper-instrument" style={{ flex: '1 1 320px' }}>
          <Select<InstrumentId>
            id="paper-instrument"
            value={instrument}
            onChange={pick}
            placeholder={t('assessments.start.pick')}
            loading={instruments.isPending}
            options={enabled.map((i) => ({ value: i.id, label: instrumentName(i.id) }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="administeredOn" label={t('assessments.paper.date')} extra={t('assessments.paper.dateHint')} style={{ flex: '0 0 200px' }}>
          <DatePicker style={{ width: '100%' }} disabledDate={(day) => day.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </Flex>
      {instrument ? (
        <>
          {items.length > 9 ? <QuickEntry key={instrument} items={items} onApply={(values) => form.setFieldsValue(values)} /> : null}
          <Divider titlePlacement="start" style={{ marginTop: 0 }}>
            {t('assessments.paper.items')} <AnsweredCount form={form} items={items} />
          </Divider>
          <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
            {t('assessments.paper.itemsHint')}
            {hasNa ? ` ${t('assessments.paper.naHint')}` : ''}
          </Typography.Paragraph>
          <div
            style={
              withText
                ? { display: 'flex', flexDirection: 'column', gap: 4 }
                : { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', columnGap: 24 }
            }
          >
            <ItemFields items={items} withText={withText} />
          </div>
          {instrument === 'upi' ? (
            <>
              <Divider titlePlacement="start">{t('assessments.paper.upiExtra')}</Divider>
              <Flex gap={24} wrap>
                <Form.Item name="asksForCounseling" label={t('assessments.paper.asksForCounseling')}>
                  <Radio.Group
                    optionType="button"
                    aria-label={t('assessments.paper.asksForCounseling')}
                    options={[
                      { value: 'yes', label: t('common.yes') },
                      { value: 'no', label: t('common.no') },
                      { value: 'unknown', label: t('assessments.paper.notRecorded') },
                    ]}
                  />
                </Form.Item>
                <Form.Item name="auxiliaryAffirmative" label={t('assessments.paper.auxiliaryAffirmative')} style={{ minWidth: 200 }}>
                  <Select
                    options={[
                      { value: 'unknown', label: t('assessments.paper.notRecorded') },
                      ...Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) })),
                    ]}
                  />
                </Form.Item>
              </Flex>
            </>
          ) : null}
        </>
      ) : null}
    </FormModal>
  );
}
