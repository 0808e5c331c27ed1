import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { importFolder, type ImportLine } from './folder-import';
import { createReceiverServer } from './http';
import { KeyError, readIdentityFile, recipientOf, rememberRecipient, rememberedRecipient, serverSigningKey, trustWorkstation, writeIdentityFile } from './keys';
import { initReceiverStore, openReceiverStore } from './open-store';
import { ReceiverDatabaseError } from './sqlite-store';
import { PASSPHRASE_ENV, StoreKeyError } from './store-key';
import { promptSecret } from '../cli/prompt';
import { appendInbound, INBOUND_FILE_NAME, makeInboundBundle } from './inbound';
import { returnFile } from './return-recipients';
import { Receiver, type ProfileStatus } from './receiver';
import { makeRosterUpdate, readRosterRows, RosterFileError } from './roster-update';
import { WebApi } from './web/api';
import { addUser, checkNewUser, UserError } from './web/users';

/** The reference receiver of the school server: `npm run school-server -- <command>`. */

const USAGE = `school-server <command>
  init --dir D                                                        set up the encrypted store (passphrase: SCHOOL_SERVER_PASSPHRASE or a prompt)
  user add --dir D --username U --role director|liaison|leadership [--department D]
                                                                      an account for the views (password: SCHOOL_SERVER_PASSWORD or a prompt)
  serve --dir D --identity key.txt [--host 127.0.0.1] [--port 8787] [--secure-cookie]
                                                                      HTTP API (POST /v1/bundles, GET /v1/status) and the views' API (/api/…)
  import FOLDER --dir D --identity key.txt                            apply the bundles of a folder, write receipts into it
  status --dir D [--json]                                             per workstation and profile: last sequence, pending, gaps
  keygen --out key.txt                                                make an age identity; prints its recipient (age1…)
  keys --dir D [--identity key.txt] [--out FILE]                      print the age recipient and the server's signing public key
                                                                      (--out: also write them to FILE, the key file a workstation imports)
  trust --dir D --workstation ID --key FILE                           trust a workstation's Ed25519 public key (PEM)
  roster-update --dir D --file roster.json|.csv|.xlsx --out FILE      sign a roster update for the workstations' "import updates"
                                                                      (with SCHOOL_SERVER_PASSPHRASE set it also joins the inbound items)
  inbound --dir D --out FILE [--after N]                              sign an inbound bundle (院系 reports, roster updates after
                                                                      sequence N, the risk digest) for the workstations' "import updates",
                                                                      encrypted to every workstation that sent its return key
Store: D/receiver.db (SQLite, encrypted), or PostgreSQL when DATABASE_URL is set (rows sealed).
Commands that open the store need the passphrase in SCHOOL_SERVER_PASSPHRASE.`;

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Resolves when serve should stop (tests); the command line stops on SIGINT/SIGTERM. */
  stopSignal?: Promise<void>;
  onListening?: (url: string) => void;
}

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Record<string, string | true>;
}

function parseArgs(argv: string[]): Parsed {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const next = argv[i + 1];
      if (inline !== undefined) flags[name] = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        flags[name] = next;
        i += 1;
      } else flags[name] = true;
    } else positional.push(arg);
  }
  return { positional, flags };
}

function flag(p: Parsed, name: string): string {
  const value = p.flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required.`);
  return value;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  const [command, ...rest] = parsed.positional;
  try {
    switch (command) {
      case 'init':
        return await init(parsed, io);
      case 'user':
        if (rest[0] !== 'add') throw new UsageError('user takes: add.');
        return await userAdd(parsed, io);
      case 'serve':
        return await serve(parsed, io);
      case 'import':
        if (!rest[0]) throw new UsageError('import needs a FOLDER.');
        return await importCommand(resolve(rest[0]), parsed, io);
      case 'status':
        return await status(parsed, io);
      case 'keygen': {
        const recipient = await writeIdentityFile(resolve(flag(parsed, 'out')), new Date());
        io.out(`${recipient}\n`);
        return 0;
      }
      case 'keys':
        return await keys(parsed, io);
      case 'trust': {
        const keyFile = flag(parsed, 'key');
        if (!existsSync(keyFile)) throw new UsageError(`${keyFile} does not exist.`);
        const fingerprint = trustWorkstation(resolve(flag(parsed, 'dir')), flag(parsed, 'workstation'), readFileSync(keyFile, 'utf8'));
        io.out(`trusted ${flag(parsed, 'workstation')} (fingerprint ${fingerprint})\n`);
        return 0;
      }
      case 'roster-update':
        return await rosterUpdate(parsed, io);
      case 'inbound':
        return await inboundCommand(parsed, io);
      case undefined:
      case 'help':
        io.out(`${USAGE}\n`);
        return command ? 0 : 64;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}\n`);
      return 64;
    }
    if (
      error instanceof KeyError ||
      error instanceof RosterFileError ||
      error instanceof StoreKeyError ||
      error instanceof ReceiverDatabaseError ||
      error instanceof UserError
    ) {
      io.err(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function init(parsed: Parsed, io: CliIo): Promise<number> {
  const dir = resolve(flag(parsed, 'dir'));
  const passphrase = io.env[PASSPHRASE_ENV] ?? (await promptSecret('Passphrase for the receiver store: ').catch(() => ''));
  if (!passphrase) throw new UsageError(`A passphrase is needed: set ${PASSPHRASE_ENV} or run in a terminal.`);
  const outcome = await initReceiverStore(dir, passphrase, io.env);
  io.out(`${JSON.stringify(outcome)}\n`);
  return 0;
}

async function userAdd(parsed: Parsed, io: CliIo): Promise<number> {
  const dir = resolve(flag(parsed, 'dir'));
  const username = flag(parsed, 'username');
  const role = flag(parsed, 'role');
  const department = typeof parsed.flags.department === 'string' ? parsed.flags.department : null;
  const password = io.env.SCHOOL_SERVER_PASSWORD ?? (await promptSecret(`Password for ${username}: `).catch(() => ''));
  if (!password) throw new UsageError('A password is needed: set SCHOOL_SERVER_PASSWORD or run in a terminal.');
  checkNewUser({ username, role, department, password });
  const store = await openReceiverStore(dir, io.env);
  try {
    const user = await addUser(store, { username, role, department, password }, new Date().toISOString());
    io.out(`${JSON.stringify(user)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function openReceiver(parsed: Parsed, io: CliIo): Promise<Receiver> {
  const dir = resolve(flag(parsed, 'dir'));
  const identity = readIdentityFile(resolve(flag(parsed, 'identity')));
  rememberRecipient(dir, await recipientOf(identity));
  const store = await openReceiverStore(dir, io.env);
  return new Receiver({ dir, identity, store, signingKeyPem: serverSigningKey(dir).privateKeyPem });
}

async function serve(parsed: Parsed, io: CliIo): Promise<number> {
  const host = typeof parsed.flags.host === 'string' ? parsed.flags.host : '127.0.0.1';
  const port = typeof parsed.flags.port === 'string' ? Number(parsed.flags.port) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a port number.');
  const receiver = await openReceiver(parsed, io);
  const web = new WebApi(receiver, { secureCookie: parsed.flags['secure-cookie'] === true });
  const server = createReceiverServer(receiver, (line) => io.err(`${new Date().toISOString()} ${line}\n`), web);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => done());
  });
  const address = server.address();
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${typeof address === 'object' && address ? address.port : port}`;
  io.out(`school-server listening on ${url} (store: ${receiver.store.kind})\n`);
  io.onListening?.(url);
  await (io.stopSignal ??
    new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    }));
  await new Promise<void>((done) => server.close(() => done()));
  await receiver.store.close();
  return 0;
}

async function importCommand(folder: string, parsed: Parsed, io: CliIo): Promise<number> {
  if (!existsSync(folder)) throw new UsageError(`${folder} does not exist.`);
  const receiver = await openReceiver(parsed, io);
  try {
    const lines = await importFolder(receiver, folder, resolve(flag(parsed, 'dir')));
    // What goes back travels the same way: the inbound bundle lands in the folder for the workstations' next update import.
    const { bundle, fileText } = await makeInboundBundle(receiver.store, {
      signingKeyPem: serverSigningKey(resolve(flag(parsed, 'dir'))).privateKeyPem,
      now: new Date(),
    });
    const sealed = await returnFile(receiver.store, fileText);
    writeFileSync(join(folder, INBOUND_FILE_NAME), sealed.fileText);
    if (!parsed.flags.json)
      io.err(
        `inbound bundle ${bundle.fromSeq}..${bundle.toSeq} (${bundle.digest?.entries.length ?? 0} risk digest entries), ${sealedWords(sealed.sealedFor)} -> ${join(folder, INBOUND_FILE_NAME)}\n`,
      );
    if (parsed.flags.json) io.out(`${JSON.stringify(lines, null, 2)}\n`);
    else io.out(importTable(lines));
    if (lines.some((l) => l.outcome === 'refused')) return 2;
    if (lines.some((l) => l.outcome === 'pending')) return 3;
    return 0;
  } finally {
    await receiver.store.close();
  }
}

function importTable(lines: ImportLine[]): string {
  if (lines.length === 0) return 'No bundles (*.manifest.json) in this folder.\n';
  const rows = lines.map((l) => [
    l.outcome,
    l.workstationId ?? '',
    l.profile ?? '',
    l.fromSeq !== undefined ? `${l.fromSeq}..${l.toSeq}` : '',
    l.receiptFile ?? l.message ?? '',
  ]);
  return table(['outcome', 'workstation', 'profile', 'range', 'receipt / reason'], rows);
}

async function status(parsed: Parsed, io: CliIo): Promise<number> {
  const dir = resolve(flag(parsed, 'dir'));
  const store = await openReceiverStore(dir, io.env);
  try {
    // Status needs no identity: it reads positions and the pending manifests (signed, not encrypted).
    const receiver = new Receiver({ dir, identity: '', store, signingKeyPem: '' });
    const report = await receiver.status();
    if (parsed.flags.json) io.out(`${JSON.stringify({ workstations: report }, null, 2)}\n`);
    else io.out(statusTable(report));
    return 0;
  } finally {
    await store.close();
  }
}

export function statusTable(report: ProfileStatus[]): string {
  if (report.length === 0) return 'No bundles received yet.\n';
  const rows = report.map((s) => [
    s.workstationId,
    s.profile,
    String(s.lastSeq),
    String(s.bundles),
    s.pending.map((p) => `${p.fromSeq}..${p.toSeq}`).join(', ') || '-',
    s.gaps.map((g) => `${g.fromSeq}..${g.toSeq}`).join(', ') || '-',
    s.updatedAt ?? '-',
  ]);
  return table(['workstation', 'profile', 'last seq', 'bundles', 'pending', 'gaps (missing)', 'last applied at'], rows);
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return `${[line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

async function keys(parsed: Parsed, io: CliIo): Promise<number> {
  const dir = resolve(flag(parsed, 'dir'));
  const identityFile = typeof parsed.flags.identity === 'string' ? resolve(parsed.flags.identity) : null;
  const recipient = identityFile ? await recipientOf(readIdentityFile(identityFile)) : rememberedRecipient(dir);
  const signing = serverSigningKey(dir);
  const text =
    `age recipient (server key for the workstations' settings):\n${recipient ?? '(unknown: pass --identity key.txt)'}\n\n` +
    `signing public key (fingerprint ${signing.fingerprint}):\n${signing.publicKeyPem}`;
  io.out(text);
  if (typeof parsed.flags.out === 'string') {
    // Public keys only: the file is carried to every workstation, so it is readable by anyone.
    const out = resolve(parsed.flags.out);
    writeFileSync(out, text);
    io.out(`\nkey file for the workstations -> ${out}\n`);
  }
  return 0;
}

async function rosterUpdate(parsed: Parsed, io: CliIo): Promise<number> {
  const dir = resolve(flag(parsed, 'dir'));
  const file = resolve(flag(parsed, 'file'));
  const out = resolve(flag(parsed, 'out'));
  if (!existsSync(file)) throw new UsageError(`${file} does not exist.`);
  const rows = await readRosterRows(file);
  const { update, fileText } = makeRosterUpdate(rows, serverSigningKey(dir).privateKeyPem, new Date().toISOString());
  writeFileSync(out, fileText);
  io.out(`signed roster update ${update.bundleId} (${rows.length} rows) -> ${out}\n`);
  if (io.env[PASSPHRASE_ENV]) {
    const store = await openReceiverStore(dir, io.env);
    try {
      const seq = await appendInbound(store, { id: update.bundleId, kind: 'roster', createdAt: update.createdAt, rows: update.rows });
      io.out(`also inbound item ${seq} (workstations apply it once, whichever file brings it)\n`);
    } finally {
      await store.close();
    }
  }
  return 0;
}

function sealedWords(sealedFor: number): string {
  return sealedFor > 0 ? `encrypted to ${sealedFor} workstation(s)` : 'NOT encrypted (no workstation has exported with its return key yet; it is still signed)';
}

async function inboundCommand(parsed: Parsed, io: CliIo): Promise<number> {
  const dir = resolve(flag(parsed, 'dir'));
  const out = resolve(flag(parsed, 'out'));
  const after = typeof parsed.flags.after === 'string' ? Number(parsed.flags.after) : 0;
  if (!Number.isInteger(after) || after < 0) throw new UsageError('--after must be a sequence number (0 or more).');
  const store = await openReceiverStore(dir, io.env);
  try {
    const { bundle, fileText } = await makeInboundBundle(store, { afterSeq: after, signingKeyPem: serverSigningKey(dir).privateKeyPem, now: new Date() });
    const sealed = await returnFile(store, fileText);
    writeFileSync(out, sealed.fileText);
    io.out(
      `signed inbound bundle ${bundle.bundleId}: items ${bundle.fromSeq}..${bundle.toSeq} (${bundle.items.length}), risk digest ${bundle.digest?.entries.length ?? 0} entries, ${sealedWords(sealed.sealedFor)} -> ${out}\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  // Everything the receiver writes (keys, receipts, pending bundles, the store) is its owner's alone.
  process.umask(0o077);
  runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // A message, never a stack trace: the operator needs what went wrong, not where.
      process.stderr.write(`school-server: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
