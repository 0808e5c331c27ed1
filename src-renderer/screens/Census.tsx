import type { Navigate } from '../router';

/** 新生心理普查: batches, import, follow-up list, progress, statistics (placeholder until the census screens land). */
export function Census(_props: { batchId: string | null; onNavigate: Navigate }) {
  return null;
}
