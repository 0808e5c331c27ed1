import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { Core } from '../../../src-main/core/core';
import { generateSigningKeyPair, openBundle } from '../../../src-main/core/sync/bundle/codec';
import { ManualClock } from '../../../src-main/core/util/clock';
import { CENSUS_HEADERS, censusRow, censusStudents } from '../../support/census-files';
import { ROSTER_HEADERS, csvUtf8Bom, rosterRows } from '../../support/synthetic';
import { ADMIN_PASSWORD, SCHOOL, TEST_KDF, expectOk, makeCore, openTestCase, tempDir } from './helpers';
import { addAccount, signInAs } from './followups-fixtures';

/**
 * Item 5 of the hardening issue: every kind of record that holds sensitive text gets a unique
 * marker, then every place the workstation writes bytes to (data folder with WAL and key ring,
 * logs, a backup, an exported bundle before decryption, a restored copy, new temp entries) is
 * searched for each marker in the encodings a leak would most likely take. None may be found.
 */

const RUN = randomBytes(2).toString('hex');
const markers = new Map<string, string>();
/** `SECRET-<kind>-<random>`; kinds stay short so a marker fits a 32-character phone field. */
function marker(kind: string): string {
  const value = `SECRET-${kind}-${RUN}${randomBytes(4).toString('hex')}`;
  if (value.length > 40) throw new Error(`marker for ${kind} is too long`);
  markers.set(kind, value);
  return value;
}

/** A base64 text holds the marker's bytes at one of three alignments; each gives a stable core. */
function base64Cores(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [0, 1, 2].map((shift) => {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Drop the groups that also hold the padding before or the unknown bytes after.
    return encoded.slice(shift === 0 ? 0 : 4, encoded.length - 4);
  });
}

interface Needle {
  kind: string;
  encoding: string;
  bytes: Buffer;
}

function needlesFor(kinds: Map<string, string>, base64Kinds: Set<string>): Needle[] {
  return [...kinds].flatMap(([kind, text]) => [
    { kind, encoding: 'utf8', bytes: Buffer.from(text, 'utf8') },
    { kind, encoding: 'utf16le', bytes: Buffer.from(text, 'utf16le') },
    ...(base64Kinds.has(kind) ? base64Cores(text).map((core, i) => ({ kind, encoding: `base64@${i}`, bytes: Buffer.from(core, 'latin1') })) : []),
  ]);
}

/** Every regular file under a path (the path itself if it is a file); vanished entries are skipped. */
function filesUnder(path: string): string[] {
  let stat;
  try {
    stat = lstatSync(path);
  } catch {
    return [];
  }
  if (stat.isFile()) return [path];
  if (!stat.isDirectory()) return [];
  let names: string[];
  try {
    names = readdirSync(path);
  } catch {
    return [];
  }
  return names.flatMap((name) => filesUnder(join(path, name)));
}

function scan(paths: string[], needles: Needle[]): string[] {
  const hits: string[] = [];
  for (const file of [...new Set(paths.flatMap(filesUnder))]) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // another process's temp file, gone or not ours to read
    }
    for (const needle of needles) if (bytes.includes(needle.bytes)) hits.push(`${file}: ${needle.kind} (${needle.encoding})`);
  }
  return hits;
}

/** Every value of every table, read through the open (keyed) connection. */
function decryptedContent(core: Core): Buffer {
  const sqlite = core.vault.requireStore().sqlite;
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const parts: Buffer[] = [];
  for (const table of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]) {
      for (const value of row) {
        if (Buffer.isBuffer(value)) parts.push(value);
        else if (typeof value === 'string') parts.push(Buffer.from(value, 'utf8'));
      }
    }
  }
  return Buffer.concat(parts);
}

/** A tiny PDF whose content is a marker (the activity attachment). */
function pdfWith(text: string): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`(${text}) Tj\n`), Buffer.alloc(64, 32)]);
}

/** Every module that stores free text about a student, a case or a crisis, written through the Core API. */
async function writeMarkedRecords(core: Core) {
  const me = expectOk(await core.call('app.status', {})).session.accountId as string;

  // A small roster and census, so a census follow-up (the screening record with a free-text note) exists.
  const roster = csvUtf8Bom(ROSTER_HEADERS, rosterRows(8));
  const preview = expectOk(await core.call('roster.preview', { fileName: 'r.csv', contentBase64: roster.toString('base64') }));
  expectOk(await core.call('roster.import', { fileName: 'r.csv', contentBase64: roster.toString('base64'), mapping: preview.mapping }));
  const batch = expectOk(await core.call('census.createBatch', { name: '2026级新生普查', cohort: '2026级新生' }));
  const census = csvUtf8Bom(
    CENSUS_HEADERS,
    censusStudents(8).map((s) => censusRow(s, 'numbers')),
  );
  expectOk(await core.call('census.import', { batchId: batch.id, fileName: 'c.csv', contentBase64: census.toString('base64') }));
  const followups = expectOk(await core.call('census.followups', { batchId: batch.id }));
  expect(followups.length).toBeGreaterThan(0);
  expectOk(await core.call('census.recordOutcome', { followupId: followups[0].id, outcome: 'watch', note: marker('censusnote') }));

  const student = expectOk(
    await core.call('students.create', {
      studentNo: '2026990001',
      name: marker('name'),
      department: '文学院',
      phone: marker('phone'),
      guardians: [{ name: marker('guardian'), relation: '母亲', phone: marker('gphone') }],
    } as never),
  );

  const report = expectOk(
    await core.call('reports.create', {
      studentId: student.id,
      reporterKind: 'peer_counselor',
      reporterName: marker('reporter'),
      reporterContact: marker('reportcontact'),
      signs: ['other'],
      description: marker('reportdesc'),
      urgency: 'routine',
    } as never),
  );

  const intake = expectOk(
    await core.call('cases.intake', {
      studentId: student.id,
      reportId: report.id,
      consent: { confidentialityLimitsExplained: true, consentedBy: '测试学生甲', consentedAt: '2026-09-01T08:00:00.000Z', minor: false },
      concerns: ['stress'],
      history: marker('history'),
      cssrs: [0, 0, 'NA', 'NA', 'NA', 0, 'NA'],
      impression: marker('impression'),
      disposition: 'individual',
      counselorId: me,
    }),
  );

  const note = expectOk(
    await core.call('notes.create', {
      caseId: intake.caseId,
      sessionAt: '2026-09-01T06:00:00.000Z',
      mode: 'in_person',
      minutes: 50,
      topics: [marker('topic')],
      topicCategories: ['other'],
      topicOther: marker('topicother'),
      body: { chief_complaint: marker('notebody'), process: marker('noteprocess'), assessment: '评估', plan: '计划' },
      riskCheck: { level: 'low', suicidalIdeation: false, selfHarm: false, comment: marker('riskcomment') },
    }),
  );
  expectOk(await core.call('notes.sign', { id: note.id }));
  expectOk(await core.call('notes.addAddendum', { id: note.id, body: marker('addendum') }));

  // Listed before the crisis event (a level-1 event would put the student on the list itself).
  const responsible = { counselorId: me, departmentCounselor: '测试辅导员', dormWatcher: null, peerCounselor: null };
  const attention = expectOk(await core.call('keyattention.add', { studentId: student.id, level: '3', reason: marker('kareason'), responsible }));
  expectOk(await core.call('keyattention.review', { entryId: attention.entry.id, note: marker('kareview') }));

  const crisis = expectOk(await core.call('crisis.open', { studentId: student.id, caseId: intake.caseId, level: '1', description: marker('crisisdesc') }));
  const detail = expectOk(await core.call('crisis.get', { id: crisis.id }));
  const discovery = detail.steps.find((s: { key: string }) => s.key === 'discovery');
  expectOk(await core.call('crisis.completeStep', { stepId: discovery.id, note: marker('stepnote') }));

  expectOk(
    await core.call('referrals.create', {
      studentId: student.id,
      eventId: crisis.id,
      hospital: '测试市精神卫生中心',
      hospitalDepartment: '心理科',
      referredOn: '2026-09-01',
      escort: '王咨询',
      letterText: marker('letter'),
      consentToShare: true,
      consentBy: '测试学生甲',
    }),
  );
  expectOk(
    await core.call('safetyPlans.save', {
      studentId: student.id,
      eventId: crisis.id,
      sections: {
        warningSigns: [marker('warnsign')],
        copingStrategies: [marker('coping')],
        distractions: ['去操场跑步'],
        helpers: [marker('helper')],
        professionals: ['全国心理援助热线 12356'],
        safeEnvironment: [marker('safeenv')],
      },
      basedOnVersion: 0,
    }),
  );
  expectOk(
    await core.call('disclosures.create', {
      studentId: student.id,
      eventId: crisis.id,
      trigger: 'danger_to_self',
      basis: marker('disclbasis'),
      recipients: [marker('disclrecip')],
      shared: marker('disclshared'),
      disclosedAt: '2026-09-01T07:00:00.000Z',
    }),
  );

  const task = expectOk(
    await core.call('followups.create', { studentId: student.id, title: marker('tasktitle'), assignedTo: me, dueAt: '2026-09-10T10:00:00Z' }),
  );
  expectOk(await core.call('followups.complete', { taskId: task.id, note: marker('tasknote') }));

  const group = expectOk(
    await core.call('groups.create', {
      name: '新生适应成长小组',
      theme: 'freshman_adaptation',
      status: 'planned',
      startDate: '2026-10-01',
      endDate: '2026-12-01',
      leaders: [me],
    }),
  );
  expectOk(await core.call('groups.addMembers', { groupId: group.id, studentIds: [student.id] }));
  expectOk(
    await core.call('groups.recordSession', { groupId: group.id, heldAt: '2026-10-08T07:00:00.000Z', attendance: [student.id], note: marker('groupnote') }),
  );

  const activity = expectOk(
    await core.call('activities.create', {
      kind: 'lecture',
      title: '悦纳自我主题讲座',
      date: '2026-05-20',
      organizer: '心理中心',
      participants: 120,
      description: marker('activitydesc'),
    }),
  );
  expectOk(
    await core.call('activities.addAttachment', {
      activityId: activity.id,
      fileName: '签到表.pdf',
      contentBase64: pdfWith(marker('attachment')).toString('base64'),
    }),
  );

  expectOk(await core.call('archive.placeHold', { studentId: student.id, reason: marker('holdreason') }));

  // Break-glass: a counselor who is not on the case reads its notes, giving a reason.
  await addAccount(core, 'li.zx', ['counselor']);
  await signInAs(core, 'li.zx');
  expect(expectOk(await core.call('notes.list', { caseId: intake.caseId, breakGlassReason: marker('breakglass') })).length).toBe(1);
  await signInAs(core, 'admin01');
  return { studentId: student.id };
}

describe('secrets at rest', () => {
  it('the scanner finds a marker in a plain file, in every encoding it searches (positive control)', () => {
    const dir = tempDir('counsel-secrets-control-');
    const kinds = new Map([['control', `SECRET-control-${randomBytes(8).toString('hex')}`]]);
    const needles = needlesFor(kinds, new Set(['control']));
    const text = kinds.get('control')!;
    writeFileSync(join(dir, 'plain.txt'), `before ${text} after`);
    writeFileSync(join(dir, 'wide.bin'), Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(text, 'utf16le'), Buffer.from([4])]));
    for (const shift of [0, 1, 2])
      writeFileSync(join(dir, `b64-${shift}.txt`), Buffer.concat([Buffer.alloc(shift, 65), Buffer.from(text), Buffer.from('tail')]).toString('base64'));
    expect(scan([dir], needles).sort()).toEqual(
      [
        `${join(dir, 'plain.txt')}: control (utf8)`,
        `${join(dir, 'wide.bin')}: control (utf16le)`,
        `${join(dir, 'b64-0.txt')}: control (base64@0)`,
        `${join(dir, 'b64-1.txt')}: control (base64@1)`,
        `${join(dir, 'b64-2.txt')}: control (base64@2)`,
      ].sort(),
    );
  });

  it('markers written into every kind of sensitive record appear in no file the workstation writes', { timeout: 180_000 }, async () => {
    markers.clear();
    const tmp = resolve(tmpdir());
    const tmpBefore = new Set(readdirSync(tmp));

    const dataDir = tempDir('counsel-secrets-');
    // The real file log (not the silent one of the other tests), so logs/core.log is searched too.
    const core = new Core({ dataDir, clock: new ManualClock('2026-09-01T08:00:00.000Z'), kdfCost: TEST_KDF });
    let disposed = false;
    try {
      const { recoveryCode } = expectOk(
        await core.call('setup.initialize', {
          schoolName: SCHOOL,
          admin: { username: 'admin01', displayName: '管理员甲', password: ADMIN_PASSWORD },
          adminIsDirector: true,
        }),
      );
      expectOk(await core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      await writeMarkedRecords(core);
      // A call that fails and one that is refused also go to the log.
      await core.call('students.get', { id: 'no-such-student' });

      const backupFolder = tempDir('counsel-secrets-backup-');
      const backup = expectOk(await core.call('backup.create', { folder: backupFolder }));

      const identity = await generateX25519Identity();
      const exportFolder = tempDir('counsel-secrets-export-');
      expectOk(
        await core.call('sync.configure', {
          serverRecipient: await identityToRecipient(identity),
          serverSigningKeyPem: generateSigningKeyPair().publicKeyPem,
          folder: exportFolder,
          url: null,
          profiles: ['full', 'departments', 'statistics'],
          schedule: { kind: 'manual', at: null },
        }),
      );
      const run = expectOk(await core.call('sync.exportNow', {}));
      expect(run.bundles.map((b: { status: string }) => b.status)).toEqual(['sent', 'sent', 'sent']);
      expect(readdirSync(exportFolder).some((name) => name.endsWith('.age'))).toBe(true);

      const needles = needlesFor(markers, new Set(['attachment']));
      expect(markers.size).toBeGreaterThanOrEqual(30);
      // Open: the recent pages are in the WAL and -shm.
      expect(existsSync(join(dataDir, 'counsel.db-wal'))).toBe(true);
      expect(existsSync(join(dataDir, 'keyring.json'))).toBe(true);
      expect(existsSync(join(dataDir, 'logs', 'core.log'))).toBe(true);
      // Not vacuous: through the keyed connection, every marker is in the database (the attachment
      // as base64 text, which is how attachments are stored).
      const stored = decryptedContent(core);
      expect([...markers.keys()].filter((kind) => !needles.some((n) => n.kind === kind && stored.includes(n.bytes)))).toEqual([]);
      // And the full bundle does carry them once decrypted: its files hold them only as ciphertext.
      const ws = expectOk(await core.call('sync.workstationKey', {}));
      const fullBase = readdirSync(exportFolder)
        .find((name) => /-full-\d{12}-\d{12}\.age$/.test(name))!
        .replace(/\.age$/, '');
      const opened = await openBundle({
        manifestFile: readFileSync(join(exportFolder, `${fullBase}.manifest.json`), 'utf8'),
        payload: readFileSync(join(exportFolder, `${fullBase}.age`)),
        identity,
        trustedKeys: { [ws.workstationId]: ws.publicKeyPem },
      });
      expect(JSON.stringify(opened.events)).toContain(markers.get('notebody'));
      expect(scan([dataDir, backupFolder, exportFolder], needles)).toEqual([]);

      core.dispose();
      disposed = true;
      // Closed: the WAL is checkpointed into the database file.
      expect(scan([dataDir], needles)).toEqual([]);

      // A restore on a new PC stages the parts next to the target: nothing readable is left there either.
      const fresh = makeCore(join(tempDir('counsel-secrets-restore-'), 'data'));
      expectOk(await fresh.core.call('backup.restore', { source: { path: backup.file }, credentials: { kind: 'recoveryCode', recoveryCode } }));
      expectOk(await fresh.core.call('auth.signIn', { username: 'admin01', password: ADMIN_PASSWORD }));
      expect(expectOk(await fresh.core.call('students.search', { query: '2026990001' })).rows[0].name).toBe(markers.get('name'));
      fresh.core.dispose();

      // Everything that appeared in the temp folder during the test: our folders above, the backup's
      // staging, the restore's staging, and anything a library wrote there.
      const newInTmp = readdirSync(tmp)
        .filter((name) => !tmpBefore.has(name))
        .map((name) => join(tmp, name));
      expect(newInTmp.length).toBeGreaterThan(0);
      expect(scan(newInTmp, needles)).toEqual([]);

      // Crash dumps: the core runs in plain Node and the Electron main process starts no crash
      // reporter (see the next test), so no dump folder may appear in the data folder.
      expect(readdirSync(dataDir).filter((name) => /crash/i.test(name))).toEqual([]);

      // Positive control in place: a marker dropped into the data folder as plain text is found.
      writeFileSync(join(dataDir, 'leak.txt'), `x ${markers.get('notebody')} y`);
      expect(scan([dataDir], needles)).toEqual([`${join(dataDir, 'leak.txt')}: notebody (utf8)`]);
    } finally {
      if (!disposed) core.dispose();
    }
  });

  it('the Electron main process configures no crash reporter (dumps would hold memory with clinical text)', () => {
    const sources = filesUnder(resolve('src-main/electron')).filter((file) => file.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(0);
    const configuring = sources.filter((file) => /crashReporter|crashDumps/.test(readFileSync(file, 'utf8')));
    // If this fails, point the dumps into a folder this test scans (or disable them) and scan it above.
    expect(configuring).toEqual([]);
  });
});
