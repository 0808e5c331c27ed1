import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Col, Divider, Form, Input, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { GENDERS, STUDENT_STATUSES, type Student, type StudentFields } from '../../../src-shared/contract';
import { call, CallError } from '../../api/client';
import { useAction } from '../../api/mutations';
import { useCallQuery } from '../../api/queries';
import { errorMessage } from '../../i18n/errors';
import type { Issue } from '../../i18n/errors';
import { FormModal } from '../FormModal';
import { BirthDateInput } from './BirthDateInput';
import {
  MAX_GUARDIANS,
  studentIssueMessage,
  studentPatch,
  studentToForm,
  validateStudentForm,
  type FieldErrors,
  type FieldPath,
  type StudentFormValues,
} from './studentForm';

/**
 * The rule of every field: the whole form is checked with the contract's schema and the issue
 * for this field (if any) is shown, translated. One schema, so the form and the core agree.
 */
function useSchemaRule(form: ReturnType<typeof Form.useForm<StudentFormValues>>[0]) {
  const { t } = useTranslation();
  return (path: FieldPath) => ({
    validator: async () => {
      const result = validateStudentForm(form.getFieldsValue(true) as StudentFormValues, t);
      if (result.ok) return;
      const match = result.errors.find((e) => e.name.join('.') === path.join('.'));
      if (match) throw new Error(match.errors[0]);
    },
  });
}

/** The core's VALIDATION issues (same schema, so rarely reached) and 学号 conflicts, placed on their fields. */
function serverFieldErrors(failure: unknown, t: TFunction): FieldErrors {
  if (!(failure instanceof CallError)) return [];
  if (failure.code === 'CONFLICT' && failure.reason === 'studentNoTaken') return [{ name: ['studentNo'], errors: [errorMessage(failure, t)] }];
  if (failure.code !== 'VALIDATION' || !Array.isArray(failure.details.issues)) return [];
  return (failure.details.issues as Issue[]).map((issue) => {
    // students.update nests the fields under `patch`.
    const path = issue.path[0] === 'patch' ? issue.path.slice(1) : issue.path;
    return { name: path, errors: [studentIssueMessage(issue, t)] };
  });
}

const THIRD = { xs: 24, md: 8 };

/**
 * 新增学生 / 编辑学生: every field of `studentFieldsSchema`, checked with that schema before
 * anything is sent. Editing sends only the fields that changed.
 */
export function StudentFormModal({ student, onClose, onSaved }: { student?: Student; onClose: () => void; onSaved: (student: Student) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<StudentFormValues>();
  const rule = useSchemaRule(form);
  // The search, the file and its timeline refetch from store.changed.
  const save = useAction(
    (write: { id: string; patch: Partial<StudentFields> } | { create: StudentFields }) =>
      'create' in write ? call('students.create', write.create) : call('students.update', { id: write.id, patch: write.patch }),
    {
      form,
      fieldErrors: (failure) => serverFieldErrors(failure, t),
      onSuccess: (saved) => {
        void message.success(t(student ? 'students.form.updated' : 'students.form.created', { name: saved.name }));
        onSaved(saved);
      },
    },
  );
  const { pending, error } = save;
  const facets = useCallQuery('students.facets', {});
  const suggestions = (values: string[] | undefined) => (values ?? []).map((value) => ({ value }));
  const filterOption = (input: string, option?: { value: string }) => (option?.value ?? '').toLowerCase().includes(input.trim().toLowerCase());

  const submit = async () => {
    save.reset();
    const values = form.getFieldsValue(true) as StudentFormValues;
    const checked = validateStudentForm(values, t);
    if (!checked.ok) {
      form.setFields(checked.errors as never);
      return;
    }
    if (!student) {
      await save.run({ create: checked.fields });
      return;
    }
    const patch = studentPatch(student, checked.fields);
    if (Object.keys(patch).length === 0) {
      void message.info(t('students.form.unchanged'));
      onClose();
      return;
    }
    await save.run({ id: student.id, patch });
  };

  const initialValues: StudentFormValues = student ? studentToForm(student) : { status: 'enrolled', guardians: [] };

  return (
    <FormModal<StudentFormValues>
      title={student ? t('students.form.editTitle', { name: student.name }) : t('students.form.createTitle')}
      okText={t('common.save')}
      form={form}
      onSubmit={() => submit()}
      checksItself
      onClose={onClose}
      pending={pending}
      error={error}
      width={880}
      bodyStyle={{ paddingTop: 8 }}
      initialValues={initialValues}
      requiredMark
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('students.form.basic')}
      </Typography.Title>
      <Row gutter={16}>
        <Col {...THIRD}>
          <Form.Item name="studentNo" label={t('students.fields.studentNo')} required rules={[rule(['studentNo'])]}>
            <Input autoComplete="off" spellCheck={false} maxLength={32} autoFocus />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="name" label={t('students.fields.name')} required rules={[rule(['name'])]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="gender" label={t('students.fields.gender')} rules={[rule(['gender'])]}>
            <Select allowClear placeholder={t('students.form.pick')} options={GENDERS.map((g) => ({ value: g, label: t(`students.genders.${g}`) }))} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="birthDate" label={t('students.fields.birthDate')} rules={[rule(['birthDate'])]} validateTrigger={['onChange', 'onBlur']}>
            <BirthDateInput />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="status" label={t('students.fields.status')} rules={[rule(['status'])]}>
            <Select options={STUDENT_STATUSES.map((s) => ({ value: s, label: t(`students.statuses.${s}`) }))} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="phone" label={t('students.fields.phone')} rules={[rule(['phone'])]}>
            <Input autoComplete="off" maxLength={32} inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('students.form.school')}
      </Typography.Title>
      <Row gutter={16}>
        <Col {...THIRD}>
          <Form.Item name="department" label={t('students.fields.department')} rules={[rule(['department'])]}>
            <AutoComplete options={suggestions(facets.data?.departments)} filterOption={filterOption} maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="major" label={t('students.fields.major')} rules={[rule(['major'])]}>
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="grade" label={t('students.fields.grade')} rules={[rule(['grade'])]}>
            <AutoComplete options={suggestions(facets.data?.grades)} filterOption={filterOption} maxLength={32} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="className" label={t('students.fields.className')} rules={[rule(['className'])]}>
            <AutoComplete options={suggestions(facets.data?.classes)} filterOption={filterOption} maxLength={64} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="dorm" label={t('students.fields.dorm')} rules={[rule(['dorm'])]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        </Col>
        <Col {...THIRD}>
          <Form.Item name="departmentCounselor" label={t('students.fields.departmentCounselor')} rules={[rule(['departmentCounselor'])]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
        </Col>
      </Row>
      <Divider style={{ margin: '4px 0 12px' }} />
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('students.fields.guardians')}
      </Typography.Title>
      <Form.List name="guardians">
        {(items, { add, remove }) => (
          <>
            {items.map((item, index) => (
              <Row gutter={16} key={item.key} align="top" role="group" aria-label={t('students.guardian.numbered', { n: index + 1 })}>
                <Col xs={24} md={7}>
                  <Form.Item name={[item.name, 'name']} label={t('students.guardian.name')} rules={[rule(['guardians', item.name, 'name'])]}>
                    <Input autoComplete="off" maxLength={64} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={7}>
                  <Form.Item name={[item.name, 'phone']} label={t('students.guardian.phone')} rules={[rule(['guardians', item.name, 'phone'])]}>
                    <Input autoComplete="off" maxLength={32} inputMode="tel" />
                  </Form.Item>
                </Col>
                <Col xs={20} md={7}>
                  <Form.Item name={[item.name, 'relation']} label={t('students.guardian.relation')} rules={[rule(['guardians', item.name, 'relation'])]}>
                    <Input autoComplete="off" maxLength={32} placeholder={t('students.guardian.relationPlaceholder')} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={3}>
                  <Form.Item label=" " colon={false}>
                    <Button icon={<DeleteOutlined />} aria-label={t('students.guardian.remove', { n: index + 1 })} onClick={() => remove(item.name)} />
                  </Form.Item>
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', phone: '', relation: '' })} disabled={items.length >= MAX_GUARDIANS}>
              {t('students.guardian.add')}
            </Button>
            {items.length >= MAX_GUARDIANS ? (
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {t('students.guardian.max')}
              </Typography.Text>
            ) : null}
          </>
        )}
      </Form.List>
    </FormModal>
  );
}
