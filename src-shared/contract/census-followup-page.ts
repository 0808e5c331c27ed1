import { z } from 'zod';

/** Rows per page the interview list answers at most (a page, not the whole batch). */
export const FOLLOWUP_PAGE_MAX = 500;

/**
 * Paging of `census.followups` (optional: without offset/limit the whole list is answered, as
 * before). The order puts the students at risk first, and the page says how many there are in
 * the whole batch, so a filter or a page never makes one of them invisible without saying so.
 */
export const followupPagingInput = {
  /** First row of the page (0-based), in the list's order. */
  offset: z.number().int().min(0).optional(),
  /** Rows on the page (default 50 when only offset is given). */
  limit: z.number().int().min(1).max(FOLLOWUP_PAGE_MAX).optional(),
};

/** The page object (census.ts passes its row schema: this file must not import census.ts, which imports it). */
export const followupPageOf = <Row extends z.ZodType>(row: Row) =>
  z.object({
    rows: z.array(row),
    offset: z.number().int(),
    limit: z.number().int(),
    /** Entries matching the filters. */
    total: z.number().int(),
    /** Of those, students at risk (critical item or an unacknowledged alert) not yet interviewed. */
    atRiskPending: z.number().int(),
    /** Entries of the whole batch, whatever the filters: total − batchTotal is what the filters hide. */
    batchTotal: z.number().int(),
    /** At-risk students not yet interviewed in the whole batch: more than atRiskPending means a filter hides some. */
    batchAtRiskPending: z.number().int(),
  });
