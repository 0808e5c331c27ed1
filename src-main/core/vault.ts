import { hkdfSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/contract/errors';
import type { SessionInfo } from '../../src-shared/contract/schemas';
import type { Role } from '../../src-shared/permissions';
import { findAccountById, insertAccount, listAccounts, type AccountRow } from './accounts/account-service';
import { UnlockGuard } from './keys/unlock-guard';
import { type KdfCost } from './keys/kdf';
import {
  emptyKeyRing,
  findPasswordSlot,
  findRecoverySlot,
  makeSlot,
  newDatabaseKey,
  openSlot,
  readKeyRing,
  usernameLookup,
  withAccountSlot,
  writeKeyRing,
  type KeyRing,
} from './keys/keyring';
import { generateRecoveryCode, isWellFormedRecoveryCode, normalizeRecoveryCode } from './keys/recovery-code';
import { checkpointInBackground } from './store/background-checkpoint';
import { openEncryptedDatabase } from './store/database';
import { createStore, openStore, type OpenStore } from './store/open-store';
import { dataPaths, type DataPaths } from './store/paths';
import { ensurePrivateFolder, tightenFileModes, tightenFolderMode } from './store/private-files';
import { accounts } from './store/schema/kernel';
import type { Actor, WriteContext } from './store/unit-of-work';
import { workstationKey } from './sync/sync-config';
import { writeSettings, readSettings } from './settings/settings-service';
import type { Clock } from './util/clock';

export interface VaultOptions {
  dataDir: string;
  clock: Clock;
  /** Tests use a cheaper scrypt; every real slot uses the default cost. */
  kdfCost?: KdfCost;
  /** How long the store's connections wait for another writer: see OpenOptions.busyTimeoutMs. */
  busyTimeoutMs?: number;
}

export interface Session {
  accountId: string;
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword: boolean;
}

/**
 * The lock state machine: locked (no key in memory) or unlocked (store open, one signed-in
 * account). Every way in (setup, password, recovery code) and out (lock) goes through here.
 */
export class Vault {
  readonly paths: DataPaths;
  private readonly guard: UnlockGuard;
  private store: OpenStore | null = null;
  private databaseKey: Buffer | null = null;
  private current: Session | null = null;
  /** While set, the screen belongs to a student filling in this assessment (student mode). */
  studentModeAssessmentId: string | null = null;
  private readonly lockListeners: (() => void)[] = [];

  constructor(private readonly options: VaultOptions) {
    this.paths = dataPaths(options.dataDir);
    this.guard = new UnlockGuard(
      { guard: this.paths.unlockGuard, journal: this.paths.unlockJournal, lock: this.paths.unlockLock, keyring: this.paths.keyring },
      options.clock,
    );
  }

  isInitialized(): boolean {
    return existsSync(this.paths.keyring) || existsSync(this.paths.database);
  }

  get session(): Session | null {
    return this.current;
  }

  get openStore(): OpenStore | null {
    return this.store;
  }

  requireStore(): OpenStore {
    if (!this.store) throw new AppError('LOCKED', {});
    return this.store;
  }

  requireSession(): Session {
    if (!this.store || !this.current) throw new AppError('UNAUTHENTICATED', { reason: 'notSignedIn' });
    return this.current;
  }

  actor(): Actor {
    return { accountId: this.current?.accountId ?? null };
  }

  now(): string {
    return this.options.clock.now().toISOString();
  }

  /** First run. Leaves the vault locked: the person signs in after confirming the recovery sheet. */
  async initialize(input: {
    schoolName: string;
    workstationName?: string;
    admin: { username: string; displayName: string; password: string };
    adminIsDirector: boolean;
    adminRoles?: Role[];
  }): Promise<{ recoveryCode: string }> {
    if (this.isInitialized()) throw new AppError('ALREADY_INITIALIZED', {});
    ensurePrivateFolder(this.paths.dataDir);
    const key = newDatabaseKey();
    let ring = emptyKeyRing();
    const recoveryCode = generateRecoveryCode();
    ring = { ...ring, slots: [await makeSlot(ring, key, normalizeRecoveryCode(recoveryCode), { kind: 'recovery' }, this.options.kdfCost)] };

    const store = createStore(this.paths.database, key, ring.databaseId, this.options.clock, this.storeOptions());
    try {
      const roles: Role[] = input.adminRoles ?? (input.adminIsDirector ? ['admin', 'director'] : ['admin']);
      const admin = store.uow.run({ accountId: null }, (tx) => {
        writeSettings(tx, { schoolName: input.schoolName, ...(input.workstationName && { workstationName: input.workstationName }) }, this.now());
        // The workstation's Ed25519 signing key exists from the start, so its public key can be
        // given to the school server before the first export.
        workstationKey(tx.db, (write) => write(tx), this.now());
        return insertAccount(tx, { ...input.admin, roles, mustChangePassword: false }, this.now());
      });
      const slot = await makeSlot(ring, key, input.admin.password, { kind: 'password', accountId: admin.id, username: admin.username }, this.options.kdfCost);
      this.guard.create();
      // The key ring is written last: until it exists the folder does not count as set up.
      writeKeyRing(this.paths.keyring, withAccountSlot(ring, admin.id, slot));
    } finally {
      store.close();
      key.fill(0);
    }
    return { recoveryCode };
  }

  async signIn(username: string, password: string): Promise<Session> {
    this.requireInitialized();
    // Check, verify and record as one step per data folder: parallel processes get one guess per window.
    return this.guard.serialize(async () => {
      this.guard.assertMayTry();
      const ring = readKeyRing(this.paths.keyring);
      const slot = findPasswordSlot(ring, username);
      const key = slot ? await openSlot(ring, slot, password) : await this.burnKdf(ring, password);
      if (!key || !slot?.accountId) this.failUnlock(usernameLookup(ring, username), 'password');
      return this.unlockAs(ring, key!, slot!.accountId!, 'sign-in');
    });
  }

  /** With the recovery code: the administrators whose password can be reset. */
  async recoveryAdmins(recoveryCode: string): Promise<{ username: string; displayName: string }[]> {
    this.requireInitialized();
    const { key } = await this.guard.serialize(() => this.openRecovery(recoveryCode));
    const store = this.store ?? openStore(this.paths.database, key, readKeyRing(this.paths.keyring).databaseId, this.options.clock, this.storeOptions());
    try {
      return listAccounts(store.db)
        .filter((row) => (row.roles as Role[]).includes('admin') && !row.disabled)
        .map((row) => ({ username: row.username, displayName: row.displayName }));
    } finally {
      if (store !== this.store) store.close();
      key.fill(0);
    }
  }

  /** Every password lost: the recovery code opens the store and an administrator gets a new password. */
  async recover(recoveryCode: string, username: string, newPassword: string): Promise<Session> {
    this.requireInitialized();
    return this.guard.serialize(() => this.recoverHoldingGuard(recoveryCode, username, newPassword));
  }

  private async recoverHoldingGuard(recoveryCode: string, username: string, newPassword: string): Promise<Session> {
    const { ring, key } = await this.openRecovery(recoveryCode);
    this.lock();
    const store = openStore(this.paths.database, key, ring.databaseId, this.options.clock, this.storeOptions());
    const target = listAccounts(store.db).find((row) => row.username === username.toLowerCase());
    if (!target || !(target.roles as Role[]).includes('admin')) {
      store.close();
      throw new AppError('NOT_FOUND', { reason: 'adminNotFound' });
    }
    store.close();
    const slot = await makeSlot(ring, key, newPassword, { kind: 'password', accountId: target.id, username: target.username }, this.options.kdfCost);
    const session = this.unlockAs(ring, key, target.id, 'recovery-unlock');
    this.withRing(
      (tx) => tx.update(accounts, target.id, { disabled: false, mustChangePassword: false, updatedAt: this.now() }, { action: 'recovery-reset-password' }),
      (r) => withAccountSlot(r, target.id, slot),
    );
    this.current = { ...session, mustChangePassword: false };
    return this.current;
  }

  async changeOwnPassword(currentPassword: string, newPassword: string): Promise<Session> {
    const session = this.requireSession();
    if (!(await this.verifyOwnPassword(currentPassword))) {
      throw new AppError('VALIDATION', {
        reason: 'currentPasswordWrong',
        issues: [{ path: ['currentPassword'], code: 'custom', message: 'currentPasswordWrong' }],
      });
    }
    if (currentPassword === newPassword) {
      throw new AppError('VALIDATION', { reason: 'passwordUnchanged', issues: [{ path: ['newPassword'], code: 'custom', message: 'passwordUnchanged' }] });
    }
    const fresh = await this.slotFor(session.accountId, session.username, newPassword);
    this.withRing(
      (tx) => tx.update(accounts, session.accountId, { mustChangePassword: false, updatedAt: this.now() }, { action: 'change-password' }),
      (r) => withAccountSlot(r, session.accountId, fresh),
    );
    this.current = { ...session, mustChangePassword: false };
    return this.current;
  }

  /** Whether the password is the signed-in account's (leaving student mode needs it). */
  async verifyOwnPassword(password: string): Promise<boolean> {
    const session = this.requireSession();
    const ring = readKeyRing(this.paths.keyring);
    const slot = findPasswordSlot(ring, session.username);
    return Boolean(slot && (await openSlot(ring, slot, password)));
  }

  /** A second connection to the unlocked store, for a long job's own transaction. */
  openJobConnection() {
    if (!this.databaseKey) throw new AppError('LOCKED', {});
    return openEncryptedDatabase(this.paths.database, this.databaseKey, { create: false, ...this.storeOptions() });
  }

  /**
   * After a long job's COMMIT: its WAL pages are copied into the file on another thread
   * (background-checkpoint.ts), joined when the store closes. False when no thread starts.
   */
  checkpointInBackground(): boolean {
    const store = this.requireStore();
    const checkpoint = checkpointInBackground(this.paths.database, this.databaseKey!);
    if (!checkpoint) return false;
    store.background.add(checkpoint);
    return true;
  }

  /** A key for one purpose (HKDF label `info`) derived from the database key, which never leaves the vault (the backup seal). */
  derivedKey(info: string, salt: Buffer): Buffer {
    if (!this.databaseKey) throw new AppError('LOCKED', {});
    return Buffer.from(hkdfSync('sha256', this.databaseKey, salt, info, 32));
  }

  /** A new password slot for an account, wrapped with the key held while unlocked. */
  async slotFor(accountId: string, username: string, password: string) {
    if (!this.databaseKey) throw new AppError('LOCKED', {});
    const ring = readKeyRing(this.paths.keyring);
    return makeSlot(ring, this.databaseKey, password, { kind: 'password', accountId, username }, this.options.kdfCost);
  }

  /**
   * A database change and a key ring change that belong together: the ring is written inside the
   * transaction, after the rows, so a failed ring write rolls the rows back.
   */
  withRing<T>(change: (tx: WriteContext) => T, ringChange: (ring: KeyRing) => KeyRing): T {
    const store = this.requireStore();
    return store.uow.run(this.actor(), (tx) => {
      const result = change(tx);
      writeKeyRing(this.paths.keyring, ringChange(readKeyRing(this.paths.keyring)));
      return result;
    });
  }

  currentRing(): KeyRing {
    return readKeyRing(this.paths.keyring);
  }

  /** Things held in memory only while unlocked register here to be dropped at lock. */
  onLock(listener: () => void): void {
    this.lockListeners.push(listener);
  }

  lock(): boolean {
    const wasOpen = this.store !== null;
    for (const listener of this.lockListeners) listener();
    this.store?.close();
    this.store = null;
    this.databaseKey?.fill(0);
    this.databaseKey = null;
    this.current = null;
    this.studentModeAssessmentId = null;
    return wasOpen;
  }

  /** Re-read the signed-in account (roles, disabled) after a change to it. */
  refreshSession(): void {
    if (!this.current || !this.store) return;
    const row = findAccountById(this.store.db, this.current.accountId);
    if (row) this.current = sessionFrom(row);
  }

  idleLockMinutes(): number {
    return this.store ? readSettings(this.store.db).idleLockMinutes : 10;
  }

  /**
   * Folders set up by an older version (or copied in) get the owner-only modes at unlock (POSIX;
   * the Windows ACL is set at setup, where running icacls once does not slow every sign-in).
   */
  private narrowFileModes(): void {
    try {
      const { dataDir, database, keyring, unlockGuard, unlockJournal, unlockLock, logs } = this.paths;
      tightenFolderMode(dataDir);
      if (existsSync(logs)) tightenFolderMode(logs);
      tightenFileModes([database, `${database}-wal`, `${database}-shm`, keyring, unlockGuard, unlockJournal, unlockLock, join(logs, 'core.log')]);
    } catch {
      // Housekeeping: never stands in the way of signing in.
    }
  }

  private storeOptions() {
    return { busyTimeoutMs: this.options.busyTimeoutMs ?? 0 };
  }

  private unlockAs(ring: KeyRing, key: Buffer, accountId: string, action: string): Session {
    this.lock();
    const store = openStore(this.paths.database, key, ring.databaseId, this.options.clock, this.storeOptions());
    const account = findAccountById(store.db, accountId);
    if (!account || account.disabled) {
      store.close();
      key.fill(0);
      throw new AppError('UNAUTHENTICATED', { reason: 'accountDisabled' });
    }
    const { failures, tampered } = this.guard.pendingReport();
    try {
      store.uow.run({ accountId }, (tx) => {
        for (const event of tampered) {
          // What is known: when the guard was found missing or damaged, and how many failed
          // attempts the journal still held for the audit log.
          tx.record('unlock-guard-reset', 'unlock-guard', null, { ...event, failedAttemptsKept: failures.length });
        }
        for (const failure of failures) {
          const match = listAccounts(tx.db).find((row) => usernameLookup(ring, row.username) === failure.lookup);
          tx.record('failed-sign-in', 'accounts', match?.id ?? null, { at: failure.at, kind: failure.kind, knownAccount: Boolean(match) });
        }
        tx.record(action, 'accounts', accountId, {});
      });
    } catch (error) {
      store.close();
      key.fill(0);
      throw error;
    }
    // Only once the attempts are in the audit log: a failed write above keeps them for next time.
    this.guard.reset();
    this.narrowFileModes();
    this.store = store;
    this.databaseKey = key;
    this.current = sessionFrom(account);
    return this.current;
  }

  /** Callers hold the guard (serialize). */
  private async openRecovery(recoveryCode: string): Promise<{ ring: KeyRing; key: Buffer }> {
    this.requireInitialized();
    this.guard.assertMayTry();
    const ring = readKeyRing(this.paths.keyring);
    const slot = findRecoverySlot(ring);
    const key = slot && isWellFormedRecoveryCode(recoveryCode) ? await openSlot(ring, slot, normalizeRecoveryCode(recoveryCode)) : null;
    if (!key) this.failUnlock(null, 'recovery');
    return { ring, key: key! };
  }

  private failUnlock(lookup: string | null, kind: 'password' | 'recovery'): never {
    const { failures, retryAfterSeconds } = this.guard.recordFailure(lookup, kind);
    throw new AppError('UNAUTHENTICATED', {
      reason: kind === 'password' ? 'wrongCredentials' : 'wrongRecoveryCode',
      failures,
      retryAfterSeconds,
    });
  }

  /** Same cost for an unknown username as for a wrong password, so timing does not reveal names. */
  private async burnKdf(ring: KeyRing, password: string): Promise<null> {
    const sample = ring.slots.find((s) => s.kind === 'password') ?? ring.slots[0];
    if (sample) await openSlot(ring, { ...sample, accountId: 'none' }, password);
    return null;
  }

  private requireInitialized(): void {
    if (!this.isInitialized()) throw new AppError('NOT_INITIALIZED', {});
  }
}

export function sessionFrom(row: AccountRow): Session {
  return {
    accountId: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles as Role[],
    mustChangePassword: row.mustChangePassword,
  };
}

export function sessionInfo(session: Session, idleLockMinutes: number): SessionInfo {
  return { ...session, idleLockMinutes };
}
