import { Button, Card } from 'antd';
import type { ReactNode } from 'react';

/**
 * A card on the workbench: its title (after its icon, when it has one), a link on the right when it
 * has one (open the page it summarizes, or dismiss it) and the body, with the space the cards keep between them.
 */
export function WorkbenchCard({
  title,
  icon,
  link,
  small = false,
  loading,
  testId,
  children,
}: {
  title: ReactNode;
  icon?: ReactNode;
  link?: { label: ReactNode; onClick: () => void };
  /** antd's small card (the denser lists). */
  small?: boolean;
  loading?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <Card
      size={small ? 'small' : undefined}
      style={{ marginBottom: 16 }}
      loading={loading}
      data-testid={testId}
      title={
        icon ? (
          <>
            {icon} {title}
          </>
        ) : (
          title
        )
      }
      extra={
        link ? (
          <Button type="link" onClick={link.onClick}>
            {link.label}
          </Button>
        ) : undefined
      }
    >
      {children}
    </Card>
  );
}
