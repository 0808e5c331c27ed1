import type { ReactNode } from 'react';

/** A plain list of rows with an optional trailing part (a status tag). */
export function ItemList<T extends { id: string }>({
  items,
  render,
  extra,
  label,
}: {
  items: T[];
  render: (item: T) => ReactNode;
  extra?: (item: T) => ReactNode;
  label?: (item: T) => string;
}) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li
          key={item.id}
          aria-label={label?.(item)}
          style={{
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
            padding: '8px 0',
            borderTop: i > 0 ? '1px solid #f0f0f0' : undefined,
          }}
        >
          <div style={{ minWidth: 0, flex: 1 }}>{render(item)}</div>
          {extra?.(item)}
        </li>
      ))}
    </ul>
  );
}
