import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdByAndAt, idColumn } from './columns';

/**
 * Files kept inside the encrypted database (activity photos, scanned forms), owned by one record.
 * Content is base64 text so the outbox payload stays plain JSON; size is limited by the core.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: idColumn(),
    ownerEntity: text('owner_entity').notNull(),
    ownerId: text('owner_id').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    contentBase64: text('content_base64').notNull(),
    ...createdByAndAt(),
  },
  (t) => [index('attachments_owner').on(t.ownerEntity, t.ownerId)],
);
