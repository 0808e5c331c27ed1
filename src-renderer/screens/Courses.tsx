import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, Select, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_KINDS, COURSE_TERMS, courseFieldsSchema, type Course, type CourseFields } from '../../src-shared/contract/courses';
import { TEXT_MAX } from '../../src-shared/contract/limits';
import { call } from '../api/client';
import { useAction } from '../api/mutations';
import { useCallQuery } from '../api/queries';
import { moduleFormErrors, moduleRule } from '../components/activities/rules';
import { ErrorAlert } from '../components/ErrorAlert';
import { FormModal } from '../components/FormModal';
import { errorMessage } from '../i18n/errors';
import { useCan } from '../session';
import type { Resource } from '../i18n/types';
import { listTableProps } from '../api/list-table';

const currentSchoolYear = () => (dayjs().month() + 1 >= 9 ? dayjs().year() : dayjs().year() - 1);

/** 心理健康教育课程: the courses of a school year, with enrolment and the coverage of their grade. */
export function Courses() {
  const { t } = useTranslation();
  const canManage = useCan('courses.manage');
  const [schoolYear, setSchoolYear] = useState(currentSchoolYear);
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const list = useCallQuery('courses.list', { schoolYear });
  const years = Array.from({ length: 5 }, (_, i) => currentSchoolYear() + 1 - i);
  return (
    <Card
      title={t('training.courses.title')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('training.courses.create')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('training.courses.intro')}</Typography.Paragraph>
      <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
        <Typography.Text>{t('training.courses.schoolYear')}</Typography.Text>
        <Select
          aria-label={t('training.courses.schoolYear')}
          style={{ minWidth: 160 }}
          value={schoolYear}
          onChange={setSchoolYear}
          options={years.map((y) => ({ value: y, label: t('training.history.schoolYear', { from: y, to: y + 1 }) }))}
        />
      </Flex>
      <ErrorAlert message={list.isError ? errorMessage(list.error, t) : null} />
      <Table<Course>
        data-testid="course-list"
        {...listTableProps(list, t('training.courses.empty'))}
        onRow={(row) => (canManage ? { onClick: () => setEditing(row), style: { cursor: 'pointer' } } : {})}
        columns={[
          {
            title: t('training.courses.columns.term'),
            dataIndex: 'term',
            render: (term: keyof Resource['training']['courses']['terms']) => t(`training.courses.terms.${term}`),
          },
          { title: t('training.courses.columns.name'), dataIndex: 'name' },
          {
            title: t('training.courses.columns.kind'),
            dataIndex: 'kind',
            render: (kind: keyof Resource['training']['courses']['kinds']) => (
              <Tag color={kind === 'compulsory' ? 'blue' : undefined}>{t(`training.courses.kinds.${kind}`)}</Tag>
            ),
          },
          { title: t('training.courses.columns.teachers'), dataIndex: 'teachers', render: (list: string[]) => list.join('、') },
          { title: t('training.courses.columns.hours'), dataIndex: 'hours', align: 'right' },
          { title: t('training.courses.columns.grade'), dataIndex: 'grade', render: (g: string | null) => g ?? '—' },
          {
            title: t('training.courses.columns.covers'),
            key: 'covers',
            render: (_: unknown, c) => [...c.departments, ...c.classes].join('、') || t('training.courses.allDepartments'),
          },
          { title: t('training.courses.columns.enrolled'), dataIndex: 'enrolled', align: 'right' },
          { title: t('training.courses.columns.roster'), dataIndex: 'roster', align: 'right', render: (r: number | null) => r ?? '—' },
          { title: t('training.courses.columns.coverage'), dataIndex: 'coverage', align: 'right', render: (r: number | null) => (r === null ? '—' : `${r}%`) },
        ]}
      />
      {editing ? <CourseFormModal course={editing === 'new' ? null : editing} schoolYear={schoolYear} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

type Values = Partial<Omit<CourseFields, 'grade'>> & { grade?: string };
const shape = courseFieldsSchema.shape;
const HALF = { flex: '1 1 0', minWidth: 0 };
const FIELDS = Object.keys(shape);

function CourseFormModal({ course, schoolYear, onClose }: { course: Course | null; schoolYear: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useAction(
    (values: Values) => {
      const fields = {
        schoolYear: values.schoolYear!,
        term: values.term!,
        name: values.name?.trim() ?? '',
        kind: values.kind!,
        teachers: values.teachers ?? [],
        hours: values.hours as number,
        grade: values.grade?.trim() ? values.grade.trim() : null,
        departments: values.departments ?? [],
        classes: values.classes ?? [],
        enrolled: values.enrolled as number,
      };
      return course ? call('courses.update', { id: course.id, patch: fields }) : call('courses.create', fields);
    },
    {
      form,
      fieldErrors: moduleFormErrors('training', t, FIELDS),
      onSuccess: () => {
        void message.success(course ? t('training.courses.form.saved') : t('training.courses.form.created'));
        onClose();
      },
    },
  );
  const initial: Values = course
    ? { ...course, grade: course.grade ?? '' }
    : { schoolYear, term: 'autumn', kind: 'compulsory', teachers: [], departments: [], classes: [], hours: 32, enrolled: 0 };
  const tags = (placeholder: string) => <Select mode="tags" open={false} suffixIcon={null} placeholder={placeholder} tokenSeparators={[',', '，', '、']} />;
  return (
    <FormModal
      title={course ? t('training.courses.form.editTitle') : t('training.courses.form.createTitle')}
      okText={t('common.save')}
      form={form}
      onSubmit={save.run}
      onClose={onClose}
      pending={save.pending}
      error={save.error}
      width={680}
      initialValues={initial}
    >
      <Flex gap={16}>
        <Form.Item name="schoolYear" label={t('training.courses.form.schoolYear')} style={HALF}>
          <InputNumber style={{ width: '100%' }} min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="term" label={t('training.courses.form.term')} style={HALF}>
          <Select
            aria-label={t('training.courses.form.term')}
            options={COURSE_TERMS.map((value) => ({ value, label: t(`training.courses.terms.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('training.courses.form.kind')} style={HALF}>
          <Select
            aria-label={t('training.courses.form.kind')}
            options={COURSE_KINDS.map((value) => ({ value, label: t(`training.courses.kinds.${value}`) }))}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="name" label={t('training.courses.form.name')} rules={[moduleRule('training', shape.name, 'name', t)]}>
        <Input autoComplete="off" maxLength={TEXT_MAX.title} />
      </Form.Item>
      <Flex gap={16}>
        <Form.Item
          name="teachers"
          label={t('training.courses.form.teachers')}
          rules={[moduleRule('training', shape.teachers, 'teachers', t)]}
          style={{ flex: '2 1 0', minWidth: 0 }}
        >
          {tags(t('training.courses.form.teachersPlaceholder'))}
        </Form.Item>
        <Form.Item name="hours" label={t('training.courses.form.hours')} rules={[moduleRule('training', shape.hours, 'hours', t)]} style={HALF}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Flex gap={16}>
        <Form.Item name="grade" label={t('training.courses.form.grade')} style={HALF}>
          <Input autoComplete="off" maxLength={TEXT_MAX.courseGrade} placeholder={t('training.courses.form.gradePlaceholder')} />
        </Form.Item>
        <Form.Item name="enrolled" label={t('training.courses.form.enrolled')} rules={[moduleRule('training', shape.enrolled, 'enrolled', t)]} style={HALF}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item name="departments" label={t('training.courses.form.departments')}>
        {tags(t('training.courses.form.listPlaceholder'))}
      </Form.Item>
      <Form.Item name="classes" label={t('training.courses.form.classes')}>
        {tags(t('training.courses.form.listPlaceholder'))}
      </Form.Item>
    </FormModal>
  );
}
