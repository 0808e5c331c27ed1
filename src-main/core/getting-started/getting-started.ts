import { count, eq } from 'drizzle-orm';
import { GETTING_STARTED_STEPS, type GettingStartedStep } from '../../../src-shared/contract/getting-started';
import { rolesGrant, type ChannelPermission, type Role } from '../../../src-shared/permissions';
import type { CrisisLine } from '../../../src-shared/contract/referrals';
import { readSchedule } from '../backup/schedule';
import { CRISIS_LINES_SETTING } from '../referrals/safety-plan-service';
import type { PartialHandlerMap } from '../handler-types';
import { accounts } from '../store/schema/kernel';
import type { Db } from '../store/unit-of-work';
import { students } from '../store/schema/students';
import { readConfig } from '../sync/sync-config';
import { readSettingValue } from '../settings/settings-service';

/** Who may do each step: the permission of the page the step links to. */
const STEP_PERMISSION: Record<GettingStartedStep, ChannelPermission> = {
  roster: 'roster.import',
  accounts: 'accounts.manage',
  backupFolder: 'backup.manage',
  schoolServer: 'sync.configure',
  crisisLines: 'settings.manage',
};

/** Whether the store shows the step done; read only, nothing is recorded. */
const DONE: Record<GettingStartedStep, (db: Db) => boolean> = {
  roster: (db) => (db.select({ n: count() }).from(students).get()?.n ?? 0) > 0,
  // The first administrator is made at setup: "accounts created" means someone besides them.
  accounts: (db) => (db.select({ n: count() }).from(accounts).where(eq(accounts.disabled, false)).get()?.n ?? 0) > 1,
  backupFolder: (db) => readSchedule(db).folder !== null,
  schoolServer: (db) => {
    const config = readConfig(db);
    return Boolean(config.serverRecipient && config.serverSigningKeyPem && (config.folder || config.url));
  },
  // Saved by the center, and every line has a number (the default leaves the school's duty line empty).
  crisisLines: (db) => {
    const saved = readSettingValue<CrisisLine[]>(db, CRISIS_LINES_SETTING);
    return saved !== undefined && saved.length > 0 && saved.every((line) => line.phone.trim() !== '');
  },
};

export function gettingStarted(db: Db, roles: readonly Role[]): { step: GettingStartedStep; done: boolean }[] {
  return GETTING_STARTED_STEPS.filter((step) => rolesGrant(roles, STEP_PERMISSION[step])).map((step) => ({ step, done: DONE[step](db) }));
}

export const gettingStartedHandlers: PartialHandlerMap<'system.gettingStarted'> = {
  'system.gettingStarted': ({ vault }) => gettingStarted(vault.requireStore().db, vault.requireSession().roles),
};
