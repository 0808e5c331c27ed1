import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';

/** Under a class filter: the class's 班主任 and 心理委员 this school year (from the work network). */
export function ClassNetworkLine({ className, department, grade }: { className: string; department?: string; grade?: string }) {
  const { t } = useTranslation();
  const people = useCallQuery('network.ofClass', { className, ...(department ? { department } : {}), ...(grade ? { grade } : {}) });
  if (!people.data) return null;
  const names = (role: 'class_teacher' | 'peer_counselor') =>
    people.data.rows
      .filter((p) => p.role === role)
      .map((p) => [p.name, p.phone].filter(Boolean).join(' '))
      .join('、') || t('network.student.none');
  return (
    <Flex gap={24} wrap data-testid="class-network">
      <Typography.Text type="secondary">
        {t('network.student.classTeacher')}：{names('class_teacher')}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('network.student.classPeer')}：{names('peer_counselor')}
      </Typography.Text>
    </Flex>
  );
}
