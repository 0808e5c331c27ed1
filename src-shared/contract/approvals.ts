/** Steps that wait for a second person's approval (key-attention removal, closing a case or a report). */
export const APPROVAL_REQUEST_KINDS = ['keyAttentionRemoval', 'caseClose', 'reportClose'] as const;
export const APPROVAL_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
