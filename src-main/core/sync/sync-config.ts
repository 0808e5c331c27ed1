import { createPublicKey } from 'node:crypto';
import { AppError } from '../../../src-shared/contract/errors';
import { AGE_RECIPIENT_PATTERN, SYNC_PROFILES, type SyncConfig } from '../../../src-shared/contract/sync';
import { readSettingValue, writeSettingValue } from '../settings/settings-service';
import type { Db, WriteContext } from '../store/unit-of-work';
import { generateSigningKeyPair, keyFingerprint, type SigningKeyPair } from './bundle/codec';

export const CONFIG_SETTING = 'sync.config';
/**
 * The workstation's Ed25519 key pair lives in the encrypted database only. Its settings row is
 * never exported (see profiles.ts), so the private key never leaves the workstation.
 */
export const KEY_SETTING = 'sync.workstationKey';

export const DEFAULT_CONFIG: SyncConfig = {
  serverRecipient: null,
  serverSigningKeyPem: null,
  folder: null,
  url: null,
  profiles: ['full'],
  schedule: { kind: 'manual', at: null },
};

export function readConfig(db: Db): SyncConfig {
  return { ...DEFAULT_CONFIG, ...(readSettingValue<Partial<SyncConfig>>(db, CONFIG_SETTING) ?? {}) };
}

function isEd25519PublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Checks what zod cannot say well, each with its own reason, and normalises empty text to null. */
export function checkConfig(input: SyncConfig): SyncConfig {
  const blank = (v: string | null) => (v && v.trim() ? v.trim() : null);
  const config: SyncConfig = {
    serverRecipient: blank(input.serverRecipient),
    serverSigningKeyPem: blank(input.serverSigningKeyPem),
    folder: blank(input.folder),
    url: blank(input.url),
    profiles: SYNC_PROFILES.filter((p) => input.profiles.includes(p)),
    schedule: input.schedule.kind === 'daily' ? input.schedule : { kind: input.schedule.kind, at: null },
  };
  if (config.serverRecipient && !AGE_RECIPIENT_PATTERN.test(config.serverRecipient)) {
    throw new AppError('VALIDATION', { reason: 'syncBadRecipient', field: 'serverRecipient' });
  }
  if (config.serverSigningKeyPem && !isEd25519PublicKey(config.serverSigningKeyPem)) {
    throw new AppError('VALIDATION', { reason: 'syncBadServerKey', field: 'serverSigningKeyPem' });
  }
  if (config.url && !isHttpUrl(config.url)) throw new AppError('VALIDATION', { reason: 'syncBadUrl', field: 'url' });
  if (config.schedule.kind === 'daily' && !config.schedule.at) throw new AppError('VALIDATION', { reason: 'syncDailyNeedsTime', field: 'schedule' });
  return config;
}

export function writeConfig(tx: WriteContext, config: SyncConfig, at: string): SyncConfig {
  writeSettingValue(tx, CONFIG_SETTING, config, at);
  return config;
}

/** The key pair, made on first use. */
export function workstationKey(db: Db, write: (fn: (tx: WriteContext) => void) => void, at: string): SigningKeyPair {
  const stored = readSettingValue<SigningKeyPair>(db, KEY_SETTING);
  if (stored) return stored;
  const pair = generateSigningKeyPair();
  write((tx) => writeSettingValue(tx, KEY_SETTING, pair, at));
  return { ...pair, fingerprint: keyFingerprint(pair.publicKeyPem) };
}

/** What an export needs: a recipient to encrypt to. */
export function requireServerRecipient(config: SyncConfig): string {
  if (!config.serverRecipient) throw new AppError('VALIDATION', { reason: 'syncNotConfigured', missing: 'serverRecipient' });
  return config.serverRecipient;
}

export function requireServerKey(config: SyncConfig): string {
  if (!config.serverSigningKeyPem) throw new AppError('VALIDATION', { reason: 'syncNotConfigured', missing: 'serverSigningKeyPem' });
  return config.serverSigningKeyPem;
}
