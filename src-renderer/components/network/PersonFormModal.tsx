import { Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { levelOfRole, NETWORK_LEVELS, NETWORK_ROLES_BY_LEVEL, type NetworkPerson, type NetworkRole } from '../../../src-shared/contract';
import { TEXT_MAX } from '../../../src-shared/contract/limits';
import { call } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { FormModal, submitsWith } from '../FormModal';

interface Values {
  role: NetworkRole;
  name?: string;
  office?: string;
  phone?: string;
  department?: string;
  grade?: string;
  className?: string;
  studentId?: string | null;
  accountId?: string | null;
  termFrom?: string;
  termTo?: string;
  note?: string;
}

/** Finds a roster student for a 心理委员 entry by name or 学号. */
function StudentSelect({ value, onChange }: { value?: string | null; onChange?: (value: string | null) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const found = useCallQuery('students.search', { query, limit: 20 });
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      value={value ?? undefined}
      placeholder={t('network.form.pickStudent')}
      onSearch={setQuery}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={(found.data?.rows ?? []).map((s) => ({
        value: s.id,
        label: [s.studentNo, s.name, s.department, `${s.grade ?? ''}${s.className ?? ''}`].filter(Boolean).join(' '),
      }))}
    />
  );
}

/** Add or correct a register entry; the core checks the rules (role and level, 心理委员 from the roster). */
export function PersonFormModal({ schoolYear, person, onClose }: { schoolYear: string; person: NetworkPerson | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const accounts = useCallQuery('network.accounts', {});
  const role = Form.useWatch('role', form) ?? person?.role;
  const level = role ? levelOfRole(role) : null;

  const save = useAction(
    (values: Values) => {
      const text = (v?: string | null) => (v && v.trim() ? v.trim() : null);
      const fields = {
        role: values.role,
        name: values.name?.trim() || undefined,
        office: text(values.office),
        phone: text(values.phone),
        department: text(values.department),
        grade: text(values.grade),
        className: text(values.className),
        studentId: values.studentId ?? null,
        accountId: values.accountId ?? null,
        termFrom: text(values.termFrom),
        termTo: text(values.termTo),
        note: text(values.note),
      };
      return person ? call('network.update', { id: person.id, patch: fields }) : call('network.create', { schoolYear, ...fields });
    },
    { onSuccess: onClose },
  );

  return (
    <FormModal
      title={person ? t('network.form.editTitle') : t('network.form.createTitle')}
      okText={t('common.save')}
      form={form}
      {...submitsWith(save)}
      onClose={onClose}
      width={620}
      requiredMark
      initialValues={
        person
          ? {
              ...person,
              office: person.office ?? undefined,
              phone: person.phone ?? undefined,
              department: person.department ?? undefined,
              grade: person.grade ?? undefined,
              className: person.className ?? undefined,
              termFrom: person.termFrom ?? undefined,
              termTo: person.termTo ?? undefined,
              note: person.note ?? undefined,
            }
          : { role: 'member' }
      }
    >
      <Form.Item name="role" label={t('network.fields.role')} rules={[{ required: true }]}>
        <Select
          options={NETWORK_LEVELS.map((lv) => ({
            label: t(`network.levels.${lv}`),
            options: NETWORK_ROLES_BY_LEVEL[lv].map((r) => ({ value: r, label: t(`network.roles.${r}`) })),
          }))}
        />
      </Form.Item>
      {role === 'peer_counselor' && (
        <Form.Item name="studentId" label={t('network.fields.student')} extra={t('network.form.studentHint')} rules={[{ required: true }]}>
          <StudentSelect />
        </Form.Item>
      )}
      {role !== 'peer_counselor' && (
        <Form.Item name="name" label={t('network.fields.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={TEXT_MAX.personName} />
        </Form.Item>
      )}
      <Form.Item name="office" label={t('network.fields.office')}>
        <Input maxLength={TEXT_MAX.shortName} />
      </Form.Item>
      <Form.Item name="phone" label={t('network.fields.phone')}>
        <Input maxLength={TEXT_MAX.directoryPhone} />
      </Form.Item>
      {(level === 'department' || level === 'class') && (
        <Form.Item name="department" label={t('network.fields.department')} rules={[{ required: role !== 'peer_counselor' }]}>
          <Input maxLength={TEXT_MAX.department} />
        </Form.Item>
      )}
      {level === 'class' && (
        <>
          <Form.Item name="grade" label={t('network.fields.grade')}>
            <Input maxLength={TEXT_MAX.networkGrade} />
          </Form.Item>
          <Form.Item name="className" label={t('network.fields.className')} rules={[{ required: role !== 'peer_counselor' }]}>
            <Input maxLength={TEXT_MAX.shortName} />
          </Form.Item>
        </>
      )}
      <Form.Item name="accountId" label={t('network.fields.account')}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('network.form.pickAccount')}
          options={(accounts.data?.rows ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
        />
      </Form.Item>
      <Form.Item label={t('network.fields.term')} style={{ marginBottom: 0 }}>
        <Form.Item name="termFrom" style={{ display: 'inline-block', width: 'calc(50% - 8px)' }}>
          <Input type="date" aria-label={t('network.fields.termFrom')} />
        </Form.Item>
        <Form.Item name="termTo" style={{ display: 'inline-block', width: 'calc(50% - 8px)', marginLeft: 16 }}>
          <Input type="date" aria-label={t('network.fields.termTo')} />
        </Form.Item>
      </Form.Item>
      <Form.Item name="note" label={t('network.fields.note')}>
        <Input maxLength={TEXT_MAX.remark} />
      </Form.Item>
    </FormModal>
  );
}
