import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page section's heading (a student's or an event's records): its title, and on the right the button that adds one, when the reader may. */
export function SectionHeading({ title, addLabel, onAdd }: { title: ReactNode; addLabel: ReactNode; onAdd?: () => void }) {
  return (
    <Flex align="center" gap={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <span style={{ flex: 1 }} />
      {onAdd ? (
        <Button icon={<PlusOutlined />} onClick={onAdd}>
          {addLabel}
        </Button>
      ) : null}
    </Flex>
  );
}
