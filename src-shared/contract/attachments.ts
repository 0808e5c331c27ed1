import { z } from 'zod';
import { idSchema } from './schemas';
import { TEXT_MAX } from './limits';

/**
 * Files kept inside the encrypted database and owned by one record (activity photos, scanned
 * forms). The limit keeps the database and the IPC messages small; the core enforces it.
 */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** What may be attached, by extension: documents and photos only (no executables, no archives). */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export const ATTACHMENT_EXTENSIONS = Object.keys(ATTACHMENT_TYPES).map((extension) => `.${extension}`);

/**
 * The upload as it crosses the boundary. The length cap sits a little above the limit so that a
 * file just over it reaches the core and is refused with `attachmentTooLarge`, not a bare length error.
 */
export const attachmentUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(TEXT_MAX.fileName),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(((ATTACHMENT_MAX_BYTES + 1024 * 1024) * 4) / 3) + 4),
});

export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const attachmentContentSchema = attachmentSchema.extend({ contentBase64: z.string() });

export const attachmentRefSchema = z.object({ attachmentId: idSchema }).strict();
