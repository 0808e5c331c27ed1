import { z } from 'zod';

/**
 * Inbound bundles: what the school server sends back to the workstations (issue 18 item 3 and 5).
 * One server-wide sequence numbers the items (a 院系 report, a roster update); each workstation
 * records the sequences it applied, so an item applies once however often a bundle is imported.
 * The risk digest rides along: per student at risk anywhere, where and with whom, never why.
 * Signed with the server's Ed25519 key like receipts and roster updates (codec.ts).
 */

const seq = z.number().int().min(1);

/** What every inbound item starts with: its server sequence number, id, kind and when it was made. */
function itemHead<K extends string>(kind: K) {
  return { seq, id: z.string().min(1).max(200), kind: z.literal(kind), createdAt: z.string().min(1) };
}

export const inboundReportSchema = z
  .object({
    ...itemHead('report'),
    studentNo: z.string().min(1).max(64),
    /** What the server knows of the student (the workstations' merged basic data), to add them where unknown. */
    studentName: z.string().max(200).nullable(),
    department: z.string().max(200),
    className: z.string().max(200).nullable(),
    urgent: z.boolean(),
    content: z.string().min(1).max(4000),
    /** The liaison who filed it (server username). */
    filedBy: z.string().min(1).max(200),
  })
  .strict();

export const inboundRosterSchema = z
  .object({
    ...itemHead('roster'),
    rows: z.array(z.record(z.string(), z.string())),
  })
  .strict();

export const inboundItemSchema = z.discriminatedUnion('kind', [inboundReportSchema, inboundRosterSchema]);

/** One student at risk on one workstation: 学号, level, open event, who and where (never reasons or content). */
export const riskDigestEntrySchema = z
  .object({
    studentNo: z.string().min(1).max(64),
    workstationId: z.string().min(1).max(64),
    workstationName: z.string().max(200).nullable(),
    /** The key-attention level (or the open event's level when not on the list). */
    level: z.string().max(32).nullable(),
    keyAttention: z.boolean(),
    eventOpen: z.boolean(),
    counselor: z.string().max(200).nullable(),
  })
  .strict();

export const riskDigestSchema = z
  .object({
    createdAt: z.string().min(1),
    entries: z.array(riskDigestEntrySchema),
  })
  .strict();

export const inboundBundleSchema = z
  .object({
    format: z.literal(1),
    kind: z.literal('inbound'),
    bundleId: z.string().min(1).max(200),
    createdAt: z.string().min(1),
    /** The range of server sequences this bundle covers; items may be fewer only if the server lost none (checked). */
    fromSeq: seq,
    toSeq: z.number().int().min(0),
    items: z.array(inboundItemSchema),
    digest: riskDigestSchema.nullable(),
  })
  .strict();

export type InboundReport = z.infer<typeof inboundReportSchema>;
export type InboundRoster = z.infer<typeof inboundRosterSchema>;
export type InboundItem = z.infer<typeof inboundItemSchema>;
export type RiskDigestEntry = z.infer<typeof riskDigestEntrySchema>;
export type RiskDigest = z.infer<typeof riskDigestSchema>;
export type InboundBundle = z.infer<typeof inboundBundleSchema>;
