import type { PartialHandlerMap } from '../handler-types';
import { verifyAuditChain } from './audit-chain';

export const auditHandlers: PartialHandlerMap<'audit.verify'> = {
  'audit.verify': ({ vault }) => {
    const store = vault.requireStore();
    const result = verifyAuditChain(store.sqlite);
    store.uow.run(vault.actor(), (tx) => tx.record('verify-audit-chain', 'audit_events', null, { intact: result.intact, checked: result.checked }));
    return result;
  },
};
