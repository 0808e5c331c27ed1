import { Select } from 'antd';
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

export function CounselorSelect({ value, onChange, id, allowClear, placeholder }: PickerProps & { allowClear?: boolean; placeholder?: string }) {
  const { t } = useTranslation();
  const counselors = useCallQuery('calendar.counselors', {});
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={counselors.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(counselors.data ?? []).map((c) => ({ value: c.id, label: c.displayName }))}
      aria-label={t('calendar.fields.counselor')}
    />
  );
}

export function RoomSelect({ value, onChange, id }: PickerProps) {
  const { t } = useTranslation();
  const rooms = useCallQuery('calendar.rooms', {});
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      allowClear
      placeholder={t('calendar.noRoom')}
      loading={rooms.isPending}
      options={(rooms.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
      aria-label={t('calendar.fields.room')}
    />
  );
}

export function KindSelect({ value, onChange, id }: PickerProps) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      options={APPOINTMENT_KINDS.map((kind) => ({ value: kind, label: t(`calendar.kinds.${kind}`) }))}
      aria-label={t('calendar.fields.kind')}
    />
  );
}

export function TimeSelect({ value, onChange, id }: PickerProps) {
  const { t } = useTranslation();
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next)}
      options={TIME_OPTIONS}
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('calendar.fields.time')}
    />
  );
}
