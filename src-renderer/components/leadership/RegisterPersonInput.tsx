import { Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PersonRef } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { parsePick, PersonPicker, pickValue } from '../network/PersonPicker';

/**
 * A person on a record: picked from the work network (工作网络), or typed by name when the
 * person is not in it. The value is the contract's `{ personId, name }`.
 */
export function RegisterPersonInput({
  value,
  onChange,
  id,
  'aria-label': ariaLabel,
}: {
  value?: PersonRef | null;
  onChange?: (value: PersonRef | null) => void;
  id?: string;
  'aria-label'?: string;
}) {
  const { t } = useTranslation();
  const picked = value?.personId ? pickValue({ kind: 'person', id: value.personId }) : null;
  return (
    <Flex vertical gap={6}>
      <PersonPicker
        id={id}
        aria-label={ariaLabel}
        value={picked}
        onChange={(next, choice) => {
          const ref = parsePick(next);
          onChange?.(ref && choice ? { personId: ref.id, name: choice.name } : null);
        }}
      />
      <Input
        aria-label={ariaLabel ? `${ariaLabel} · ${t('family.person.pickOrType')}` : t('family.person.pickOrType')}
        placeholder={t('family.person.pickOrType')}
        disabled={!!picked}
        value={picked ? '' : (value?.name ?? '')}
        maxLength={TEXT_MAX.personName}
        onChange={(event) => onChange?.(event.target.value.trim() ? { personId: null, name: event.target.value } : null)}
      />
    </Flex>
  );
}
