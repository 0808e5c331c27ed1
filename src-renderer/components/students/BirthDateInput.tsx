import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { readTypedDate } from './studentForm';

/**
 * 出生日期: a date picker whose value is the contract's `YYYY-MM-DD` string. A picker silently
 * drops text it cannot read; here, text typed by hand is kept when it is not a date, so the
 * form says so instead of saving the student without a birth date. Lenient spellings
 * (2007/9/1, 20070901, 2007年9月1日) are accepted and normalised.
 */
export function BirthDateInput({
  id,
  value,
  onChange,
  disabled,
}: {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const typed = useRef<string | null>(null);
  // Only a real calendar date reaches the picker (dayjs would roll 2007-13-45 over into 2008).
  const picked = value && readTypedDate(value) === value ? dayjs(value) : null;

  const commitTyped = () => {
    const text = typed.current?.trim();
    typed.current = null;
    if (!text || (picked && text === picked.format('YYYY-MM-DD'))) return;
    onChange?.(readTypedDate(text) ?? text);
  };

  return (
    <div
      onInputCapture={(event) => {
        typed.current = (event.target as HTMLInputElement).value;
      }}
      onBlurCapture={commitTyped}
      onKeyDownCapture={(event) => {
        if (event.key === 'Enter') commitTyped();
      }}
    >
      <DatePicker
        id={id}
        value={picked}
        format="YYYY-MM-DD"
        placeholder={t('students.form.datePlaceholder')}
        disabled={disabled}
        disabledDate={(day) => day.isAfter(dayjs(), 'day')}
        style={{ width: '100%' }}
        onChange={(day) => {
          typed.current = null;
          onChange?.(day ? day.format('YYYY-MM-DD') : null);
        }}
      />
    </div>
  );
}
