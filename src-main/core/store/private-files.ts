import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';

/**
 * The data folder and everything in it belong to the signed-in OS user alone (issue 15,
 * finding 8): the folder 0700 and its files 0600 on POSIX, whatever the umask; on Windows the
 * folder's ACL lists only that user and SYSTEM, without inherited entries, and files created
 * inside inherit it (POSIX modes mean little there).
 */
export function ensurePrivateFolder(dir: string, platform: NodeJS.Platform = process.platform, run: AclRunner = runIcacls): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') {
    restrictWindowsAcl(dir, process.env, run);
    return;
  }
  // A folder that existed before (made by hand, or by an older version) is narrowed too.
  if ((statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

/** A sub-folder (logs/) narrowed to the owner on POSIX. */
export function tightenFolderMode(dir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  if ((statSync(dir).mode & 0o777) !== 0o700) chmodSync(dir, 0o700);
}

/** Existing files made wider by an older version or a copy are narrowed to the owner (POSIX only). */
export function tightenFileModes(files: readonly string[], platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  for (const file of files) {
    try {
      if (existsSync(file) && (statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    } catch {
      // A file we cannot chmod is not ours to fix here; opening it will say what is wrong.
    }
  }
}

export type AclRunner = (command: string, args: string[]) => void;

/**
 * `icacls DIR /inheritance:r /grant:r USER:(OI)(CI)F *S-1-5-18:(OI)(CI)F`: drop inherited
 * entries (Users, Authenticated Users from the profile), then grant full control to the user and
 * to SYSTEM (by SID, so it works in a Chinese Windows where the name is not "SYSTEM").
 * Objects created later inherit these two entries.
 */
export function windowsAclArgs(dir: string, env: NodeJS.ProcessEnv): string[] {
  const user = env.USERDOMAIN && env.USERNAME ? `${env.USERDOMAIN}\\${env.USERNAME}` : (env.USERNAME ?? '');
  return [dir, '/inheritance:r', '/grant:r', `${user}:(OI)(CI)F`, '*S-1-5-18:(OI)(CI)F'];
}

function restrictWindowsAcl(dir: string, env: NodeJS.ProcessEnv, run: AclRunner): void {
  if (!env.USERNAME) return;
  try {
    run('icacls', windowsAclArgs(dir, env));
  } catch {
    // Without icacls (a stripped-down Windows) the profile's own ACL still applies: %APPDATA%
    // is readable only by the user, SYSTEM and administrators by default.
  }
}

function runIcacls(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: 'ignore', windowsHide: true, timeout: 10_000 });
}
