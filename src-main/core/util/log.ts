import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The core's log: channel names, error codes and durations only. Never inputs, outputs or
 * messages from SQLite, since those can carry names or clinical text.
 */
export interface CoreLog {
  write(entry: { level: 'info' | 'warn' | 'error'; event: string; channel?: string; code?: string; ms?: number }): void;
}

/** A log grows by one line per call; past this size it is rotated (core.log → core.log.1 → …). */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
/** Rotated files kept besides core.log: a few weeks of heavy use, bounded on disk. */
export const LOG_KEEP = 3;

export function logFile(dataDir: string): string {
  return join(dataDir, 'logs', 'core.log');
}

/** core.log, core.log.1 … core.log.N, oldest last. */
function logGenerations(dataDir: string, keep: number): string[] {
  const current = logFile(dataDir);
  return [current, ...Array.from({ length: keep }, (_, i) => `${current}.${i + 1}`)];
}

function rotate(dataDir: string, keep: number): void {
  const files = logGenerations(dataDir, keep);
  rmSync(files[files.length - 1], { force: true });
  for (let i = files.length - 2; i >= 0; i--) if (existsSync(files[i])) renameSync(files[i], files[i + 1]);
}

export function fileLog(dataDir: string, limits: { maxBytes?: number; keep?: number } = {}): CoreLog {
  const maxBytes = limits.maxBytes ?? LOG_MAX_BYTES;
  const keep = limits.keep ?? LOG_KEEP;
  const dir = join(dataDir, 'logs');
  const file = logFile(dataDir);
  // Known after the first write; another process appending to the same file is caught by the stat.
  let size: number | null = null;
  return {
    write(entry) {
      // The data folder itself is made by setup (mode 0700); the log never creates it.
      if (!existsSync(dataDir)) return;
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        const line = `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`;
        if (size === null || size + line.length > maxBytes) size = existsSync(file) ? statSync(file).size : 0;
        if (size > 0 && size + line.length > maxBytes) {
          rotate(dataDir, keep);
          size = 0;
        }
        // Created owner-only (the mode applies when the append creates the file); older logs are
        // narrowed at the next unlock.
        appendFileSync(file, line, { mode: 0o600 });
        size += Buffer.byteLength(line);
      } catch {
        // Logging must never break a call.
      }
    },
  };
}

export const silentLog: CoreLog = { write() {} };

/** Calls slower than this are logged as `slowCall` (channel and duration only); COUNSEL_SLOW_CALL_MS overrides. */
export function slowCallThresholdMs(): number {
  const configured = Number(process.env.COUNSEL_SLOW_CALL_MS);
  return Number.isFinite(configured) && configured > 0 ? configured : 1000;
}

export interface ChannelTiming {
  channel: string;
  calls: number;
  maxMs: number;
  meanMs: number;
}

/**
 * The slowest channels since the app last started (the newest `start` entry), read from the log and
 * its rotated files: what `counsel status` shows an administrator asking why a page feels slow.
 */
export function slowestChannels(dataDir: string, limit = 5): { since: string | null; channels: ChannelTiming[] } {
  const lines: string[] = [];
  for (const file of logGenerations(dataDir, LOG_KEEP).reverse()) {
    if (!existsSync(file)) continue;
    try {
      lines.push(...readFileSync(file, 'utf8').split('\n'));
    } catch {
      // An unreadable old log is skipped, not fatal.
    }
  }
  let since: string | null = null;
  let timings = new Map<string, { calls: number; maxMs: number; totalMs: number }>();
  for (const line of lines) {
    if (!line.trim()) continue;
    let entry: { at?: string; event?: string; channel?: string; ms?: number };
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    if (entry.event === 'start') {
      since = entry.at ?? null;
      timings = new Map();
    } else if (entry.event === 'call' && typeof entry.channel === 'string' && typeof entry.ms === 'number') {
      const timing = timings.get(entry.channel) ?? { calls: 0, maxMs: 0, totalMs: 0 };
      timing.calls += 1;
      timing.maxMs = Math.max(timing.maxMs, entry.ms);
      timing.totalMs += entry.ms;
      timings.set(entry.channel, timing);
    }
  }
  const channels = [...timings]
    .map(([channel, t]) => ({ channel, calls: t.calls, maxMs: t.maxMs, meanMs: Math.round(t.totalMs / t.calls) }))
    .sort((a, b) => b.maxMs - a.maxMs || a.channel.localeCompare(b.channel))
    .slice(0, limit);
  return { since, channels };
}
