import { fileLooksEncrypted, CIPHER } from '../store/database';
import type { PartialHandlerMap } from '../handler-types';
import { readSettings, writeSettings } from './settings-service';

export const settingsHandlers: PartialHandlerMap<'settings.get' | 'settings.update' | 'system.about'> = {
  'settings.get': ({ vault }) => readSettings(vault.requireStore().db),

  'settings.update': ({ vault }, input) => {
    const store = vault.requireStore();
    return store.uow.run(vault.actor(), (tx) => writeSettings(tx, input, vault.now()));
  },

  'system.about': ({ vault, version }) => {
    const store = vault.requireStore();
    return {
      version,
      dataDir: vault.paths.dataDir,
      schemaVersion: store.schemaVersion(),
      // Read from the file itself, not assumed: the header of an encrypted file is random bytes.
      encrypted: fileLooksEncrypted(vault.paths.database),
      cipher: CIPHER,
      workstationId: store.workstationId,
    };
  },
};
