import { BatchList } from '../components/census/BatchList';
import { BatchView } from '../components/census/BatchView';
import type { Navigate } from '../router';

/**
 * 新生心理普查: without a batch, the batches (and 新建普查批次 for the director); with one, its
 * tabs: 导入结果, 约谈名单, 进度, 统计, each shown only to the roles the core would serve.
 */
export function Census({ batchId, onNavigate }: { batchId: string | null; onNavigate: Navigate }) {
  return batchId ? <BatchView key={batchId} batchId={batchId} onNavigate={onNavigate} /> : <BatchList onNavigate={onNavigate} />;
}
