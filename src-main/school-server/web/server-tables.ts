/**
 * The server's own tables, the same DDL in SQLite and PostgreSQL: its accounts (directors,
 * 院系 liaisons, leadership; never the workstations' accounts), its hash-chained log of every view
 * and sign-in, the reports 院系 staff file on the server for the center, and the inbound items
 * (those reports, roster updates) numbered by one server-wide sequence for the workstations.
 */
export const SERVER_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS server_users (
  username TEXT NOT NULL PRIMARY KEY,
  role TEXT NOT NULL,
  department TEXT,
  password TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_audit (
  seq INTEGER NOT NULL PRIMARY KEY,
  at TEXT NOT NULL,
  username TEXT,
  action TEXT NOT NULL,
  target TEXT,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_reports (
  id TEXT NOT NULL PRIMARY KEY,
  department TEXT NOT NULL,
  student_no TEXT NOT NULL,
  urgent INTEGER NOT NULL,
  content TEXT NOT NULL,
  filed_by TEXT NOT NULL,
  filed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_inbound (
  seq INTEGER NOT NULL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_workstations (
  workstation_id TEXT NOT NULL PRIMARY KEY,
  name TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS server_return_recipients (
  workstation_id TEXT NOT NULL PRIMARY KEY,
  recipient TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
