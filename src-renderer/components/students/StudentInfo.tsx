import { EditOutlined } from '@ant-design/icons';
import { Button, Descriptions, Flex, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Student } from '../../../src-shared/contract';
import { genderLabel, StatusTag } from './StudentTags';
import { StudentNetworkInfo } from '../network/StudentNetworkInfo';
import { localTime } from '../../../src-shared/labels/local-time';

type Guardian = Student['guardians'][number];

/** 基本信息: every field of the student, the guardians and the department counselor. */
export function StudentInfo({ student, onEdit }: { student: Student; onEdit?: () => void }) {
  const { t } = useTranslation();
  const show = (value: ReactNode) =>
    value === null || value === undefined || value === '' ? <Typography.Text type="secondary">{t('students.file.empty')}</Typography.Text> : value;
  const item = (key: string, label: string, value: ReactNode) => ({ key, label, children: show(value) });
  return (
    <Flex vertical gap={16}>
      {onEdit ? (
        <Flex justify="flex-end">
          <Button icon={<EditOutlined />} onClick={onEdit}>
            {t('common.edit')}
          </Button>
        </Flex>
      ) : null}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        styles={{ label: { whiteSpace: 'nowrap', width: 110 } }}
        items={[
          item('studentNo', t('students.fields.studentNo'), student.studentNo),
          item('name', t('students.fields.name'), student.name),
          item('gender', t('students.fields.gender'), genderLabel(student.gender, t)),
          item('birthDate', t('students.fields.birthDate'), student.birthDate),
          item('status', t('students.fields.status'), <StatusTag status={student.status} />),
          item('phone', t('students.fields.phone'), student.phone),
          item('department', t('students.fields.department'), student.department),
          item('major', t('students.fields.major'), student.major),
          item('grade', t('students.fields.grade'), student.grade),
          item('className', t('students.fields.className'), student.className),
          item('dorm', t('students.fields.dorm'), student.dorm),
          item('departmentCounselor', t('students.fields.departmentCounselor'), student.departmentCounselor),
          item('source', t('students.fields.source'), t(`students.sources.${student.source}`)),
          item('createdAt', t('students.fields.createdAt'), localTime(student.createdAt)),
          item('updatedAt', t('students.fields.updatedAt'), localTime(student.updatedAt)),
        ]}
      />
      <StudentNetworkInfo studentId={student.id} />
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('students.fields.guardians')}
        </Typography.Title>
        <Table<Guardian & { index: number }>
          size="small"
          pagination={false}
          rowKey="index"
          dataSource={student.guardians.map((guardian, index) => ({ ...guardian, index }))}
          locale={{ emptyText: t('students.guardian.none') }}
          columns={[
            { title: t('students.guardian.name'), dataIndex: 'name' },
            { title: t('students.guardian.phone'), dataIndex: 'phone', render: (value: string | null) => show(value) },
            { title: t('students.guardian.relation'), dataIndex: 'relation', render: (value: string | null) => show(value) },
          ]}
        />
      </div>
    </Flex>
  );
}
