import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../src-shared/permissions';

const COLORS: Record<Role, string> = {
  admin: 'geekblue',
  director: 'purple',
  counselor: 'green',
  supervisor: 'cyan',
  trainee: 'lime',
  liaison: 'gold',
  reception: 'default',
  leadership: 'magenta',
};

export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <>
      {roles.map((role) => (
        <Tag key={role} color={COLORS[role]}>
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </>
  );
}
