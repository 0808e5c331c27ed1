import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { APPOINTMENT_KINDS } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';

/** Start times every 10 minutes across a long working day, as local HH:mm. */
export const TIME_OPTIONS = Array.from({ length: (21 - 7) * 6 + 1 }, (_, i) => {
  const minutes = 7 * 60 + i * 10;
  const label = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { value: label, label };
});

type PickerProps = { value?: string | null; onChange?: (value: string | null) => void; id?: string };

/** A Select as a form field: nothing chosen is null, as the contract stores it. */
function FieldSelect({ value, onChange, ...select }: PickerProps & Omit<SelectProps<string>, 'value' | 'onChange'>) {
  return <Select {...select} value={value ?? undefined} onChange={(next) => onChange?.(next ?? null)} />;
}

export function CounselorSelect(props: PickerProps & { allowClear?: boolean; placeholder?: string }) {
  const { t } = useTranslation();
  const counselors = useCallQuery('calendar.counselors', {});
  return (
    <FieldSelect
      {...props}
      loading={counselors.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(counselors.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
      aria-label={t('calendar.fields.counselor')}
    />
  );
}

export function RoomSelect(props: PickerProps) {
  const { t } = useTranslation();
  const rooms = useCallQuery('calendar.rooms', {});
  return (
    <FieldSelect
      {...props}
      allowClear
      placeholder={t('calendar.noRoom')}
      loading={rooms.isPending}
      options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
      aria-label={t('calendar.fields.room')}
    />
  );
}

export function KindSelect(props: PickerProps) {
  const { t } = useTranslation();
  return (
    <FieldSelect
      {...props}
      options={APPOINTMENT_KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))}
      aria-label={t('calendar.fields.kind')}
    />
  );
}

export function TimeSelect(props: PickerProps) {
  const { t } = useTranslation();
  return <FieldSelect {...props} options={TIME_OPTIONS} showSearch={{ optionFilterProp: 'label' }} aria-label={t('calendar.fields.time')} />;
}
