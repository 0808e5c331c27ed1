import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type Attachment } from '../../../src-shared/contract/attachments';
import { AppError } from '../../../src-shared/contract/errors';
import type { Db, WriteContext } from '../store/unit-of-work';
import { attachments } from '../store/schema/attachments';

export type AttachmentRow = typeof attachments.$inferSelect;

/** The record a file belongs to, e.g. `{ entity: 'education_activities', id }`. */
export interface AttachmentOwner {
  entity: string;
  id: string;
}

/**
 * A removed attachment is detached from its owner rather than deleted: the unit of work has no
 * delete, and the file stays in the (encrypted) database for the audit trail.
 */
const REMOVED_PREFIX = 'removed:';

type Extension = keyof typeof ATTACHMENT_TYPES;

/** Leading bytes of each allowed type, so a renamed executable is not taken for a photo. */
const SIGNATURES: Record<Extension, number[]> = {
  pdf: [0x25, 0x50, 0x44, 0x46], // %PDF
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47],
  docx: [0x50, 0x4b, 0x03, 0x04], // a zip container
  xlsx: [0x50, 0x4b, 0x03, 0x04],
};

export function toAttachment(row: AttachmentRow): Attachment {
  return { id: row.id, fileName: row.fileName, mimeType: row.mimeType, size: row.size, sha256: row.sha256, createdAt: row.createdAt, createdBy: row.createdBy };
}

function extensionOf(fileName: string): Extension | null {
  const match = /\.([A-Za-z0-9]+)$/.exec(fileName.trim());
  const extension = match?.[1].toLowerCase();
  return extension && extension in ATTACHMENT_TYPES ? (extension as Extension) : null;
}

/** Decodes and checks an upload: size, then type by extension and by content. */
export function checkUpload(file: { fileName: string; contentBase64: string }): { bytes: Buffer; mimeType: string; extension: Extension } {
  const bytes = Buffer.from(file.contentBase64, 'base64');
  if (bytes.length === 0) throw new AppError('VALIDATION', { reason: 'attachmentEmpty' });
  if (bytes.length > ATTACHMENT_MAX_BYTES) {
    throw new AppError('VALIDATION', { reason: 'attachmentTooLarge', maxMegabytes: ATTACHMENT_MAX_BYTES / (1024 * 1024) });
  }
  const extension = extensionOf(file.fileName);
  const signature = extension ? SIGNATURES[extension] : null;
  if (!extension || !signature || !signature.every((byte, i) => bytes[i] === byte)) {
    throw new AppError('VALIDATION', { reason: 'attachmentTypeNotAllowed' });
  }
  return { bytes, mimeType: ATTACHMENT_TYPES[extension], extension };
}

export function listAttachments(db: Db, owner: AttachmentOwner): Attachment[] {
  return (
    db
      .select()
      .from(attachments)
      .where(and(eq(attachments.ownerEntity, owner.entity), eq(attachments.ownerId, owner.id)))
      // rowid: in the order they were added, also when the clock gave two the same time.
      .orderBy(asc(attachments.createdAt), sql`rowid`)
      .all()
      .map(toAttachment)
  );
}

export function countAttachments(db: Db, owner: AttachmentOwner): number {
  return listAttachments(db, owner).length;
}

/** An attachment of one kind of owner; anything else (another kind, removed, absent) is not found. */
export function requireAttachment(db: Db, id: string, ownerEntity: string): AttachmentRow {
  const row = db.select().from(attachments).where(eq(attachments.id, id)).get();
  if (!row || row.ownerEntity !== ownerEntity) throw new AppError('NOT_FOUND', { reason: 'attachmentNotFound' });
  return row;
}

/**
 * Stores a file for a record. The caller checks first that the owner exists and still accepts
 * changes (a locked record does not); the size and type are checked here before anything is written.
 */
export function addAttachment(tx: WriteContext, owner: AttachmentOwner, file: { fileName: string; contentBase64: string }, at: string): Attachment {
  const { bytes, mimeType } = checkUpload(file);
  const row = tx.insert(
    attachments,
    {
      id: randomUUID(),
      ownerEntity: owner.entity,
      ownerId: owner.id,
      fileName: file.fileName.trim(),
      mimeType,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      // Re-encoded from the bytes so stray whitespace or padding in the upload is not kept.
      contentBase64: bytes.toString('base64'),
      createdBy: tx.actor.accountId,
      createdAt: at,
    },
    { action: 'attach', details: { ownerEntity: owner.entity, ownerId: owner.id, size: bytes.length, mimeType } },
  );
  return toAttachment(row);
}

/** Takes a file off its record (the caller has checked the owner still accepts changes). */
export function removeAttachment(tx: WriteContext, row: AttachmentRow): void {
  tx.update(
    attachments,
    row.id,
    { ownerEntity: `${REMOVED_PREFIX}${row.ownerEntity}` },
    { action: 'detach', details: { ownerEntity: row.ownerEntity, ownerId: row.ownerId } },
  );
}
