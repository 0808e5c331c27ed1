import type { PartialHandlerMap } from '../handler-types';
import { breakGlassQueue, reviewBreakGlass } from './break-glass-review';

export const breakGlassHandlers: PartialHandlerMap<'breakglass.queue' | 'breakglass.review'> = {
  'breakglass.queue': ({ vault }, input) => breakGlassQueue(vault.requireStore().db, input.status),
  'breakglass.review': ({ vault }, input) => vault.requireStore().uow.run(vault.actor(), (tx) => reviewBreakGlass(tx, input, vault.now())),
};
