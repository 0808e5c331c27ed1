import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCallQuery } from '../../api/queries';

/**
 * 工作网络 on a student's file: whether the student is a 心理委员 (with the term), and who the
 * 班主任 and 心理委员 of the student's class are this school year.
 */
export function StudentNetworkInfo({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const network = useCallQuery('network.ofStudent', { studentId });
  if (!network.data) return null;
  const peer = network.data.roles.find((p) => p.role === 'peer_counselor');
  const none = <Typography.Text type="secondary">{t('network.student.none')}</Typography.Text>;
  const ofRole = (role: 'class_teacher' | 'peer_counselor') => {
    const people = network.data!.classPeople.filter((p) => p.role === role);
    return people.length > 0 ? people.map((p) => [p.name, p.phone].filter(Boolean).join(' ')).join('、') : none;
  };
  const term = peer && (peer.termFrom || peer.termTo) ? `${peer.termFrom ?? ''} ~ ${peer.termTo ?? ''}` : null;
  return (
    <Descriptions
      bordered
      size="small"
      title={t('network.title')}
      column={{ xs: 1, md: 2, xl: 3 }}
      styles={{ label: { whiteSpace: 'nowrap', width: 130 } }}
      items={[
        {
          key: 'peerCounselor',
          label: t('network.student.isPeerCounselor'),
          children: peer ? (
            <Tag color="blue">{term ? t('network.student.peerCounselorTerm', { term }) : t('network.student.peerCounselor')}</Tag>
          ) : (
            t('common.no')
          ),
        },
        { key: 'classTeacher', label: t('network.student.classTeacher'), children: ofRole('class_teacher') },
        { key: 'classPeer', label: t('network.student.classPeer'), children: ofRole('peer_counselor') },
      ]}
    />
  );
}
