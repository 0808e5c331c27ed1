import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelInput, NetworkPerson } from '../../../src-shared/contract';
import { useCallQuery } from '../../api/queries';
import { personWords } from './person-words';

/** What a picker value names: a register person (`person:ID`) or a workstation account (`account:ID`). */
export type PickedRef = { kind: 'person'; id: string } | { kind: 'account'; id: string };

export function pickValue(ref: PickedRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parsePick(value: string | null | undefined): PickedRef | null {
  if (!value) return null;
  const at = value.indexOf(':');
  const kind = value.slice(0, at);
  const id = value.slice(at + 1);
  return (kind === 'person' || kind === 'account') && id ? { kind, id } : null;
}

/** What the picker hands back with each choice, so a form can keep the words next to the id. */
export interface Picked {
  ref: PickedRef;
  /** The person's or account's name. */
  name: string;
  /** The words shown (role and place for a register person). */
  label: string;
  /** The register entry, for a register person. */
  person: NetworkPerson | null;
}

type Filter = Omit<ChannelInput<'network.people'>, 'query' | 'limit'>;

interface CommonProps {
  /** Narrows the register people offered (school year, roles, level, department, class). */
  filter?: Filter;
  /** Offer the workstation's accounts too (training attendance, supervision). */
  includeAccounts?: boolean;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  id?: string;
  'aria-label'?: string;
}

interface SingleProps extends CommonProps {
  multiple?: false;
  value?: string | null;
  onChange?: (value: string | null, picked: Picked | null) => void;
}

interface MultipleProps extends CommonProps {
  multiple: true;
  value?: string[];
  onChange?: (value: string[], picked: Picked[]) => void;
}

/**
 * Pick people of the work network (工作网络) — and accounts when asked — by typing a name,
 * office, department or class. Values are strings (`person:ID` / `account:ID`) so the picker
 * fits an antd Form.Item; `parsePick` turns one back into a reference.
 */
export function PersonPicker(props: SingleProps | MultipleProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const people = useCallQuery('network.people', { ...(props.filter ?? {}) });
  const accounts = useCallQuery('network.accounts', {}, { enabled: !!props.includeAccounts });

  const choices = useMemo(() => {
    const map = new Map<string, Picked>();
    for (const person of people.data?.rows ?? []) {
      const label = personWords(t, person);
      map.set(pickValue({ kind: 'person', id: person.id }), { ref: { kind: 'person', id: person.id }, name: person.name, label, person });
    }
    if (props.includeAccounts) {
      for (const account of accounts.data?.rows ?? []) {
        const roles = account.roles.map((role) => t(`roles.${role}`)).join('、');
        map.set(pickValue({ kind: 'account', id: account.id }), {
          ref: { kind: 'account', id: account.id },
          name: account.displayName,
          label: [account.department, roles, account.displayName].filter(Boolean).join(' '),
          person: null,
        });
      }
    }
    return map;
  }, [people.data, accounts.data, props.includeAccounts, t]);

  const options = useMemo(() => {
    const groups: { label: string; options: { value: string; label: string }[] }[] = [];
    const of = (kind: PickedRef['kind']) => [...choices].filter(([, c]) => c.ref.kind === kind).map(([value, c]) => ({ value, label: c.label }));
    const personOptions = of('person');
    if (personOptions.length > 0) groups.push({ label: t('network.picker.people'), options: personOptions });
    if (props.includeAccounts) {
      const accountOptions = of('account');
      if (accountOptions.length > 0) groups.push({ label: t('network.picker.accounts'), options: accountOptions });
    }
    return groups;
  }, [choices, props.includeAccounts, t]);

  const common = {
    id: props.id,
    'aria-label': props['aria-label'],
    showSearch: true,
    searchValue: search,
    onSearch: setSearch,
    optionFilterProp: 'label' as const,
    options,
    loading: people.isLoading || (!!props.includeAccounts && accounts.isLoading),
    placeholder: props.placeholder ?? t('network.picker.placeholder'),
    notFoundContent: t('network.picker.empty'),
    disabled: props.disabled,
    allowClear: props.allowClear ?? true,
    style: { minWidth: 240, ...props.style },
  };

  if (props.multiple) {
    return (
      <Select
        {...common}
        mode="multiple"
        value={props.value ?? []}
        onChange={(value: string[]) =>
          props.onChange?.(
            value,
            value.map((v) => choices.get(v)).filter((c): c is Picked => !!c),
          )
        }
      />
    );
  }
  return (
    <Select
      {...common}
      value={props.value ?? undefined}
      onChange={(value: string | undefined) => props.onChange?.(value ?? null, value ? (choices.get(value) ?? null) : null)}
    />
  );
}
