import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { generateSigningKeyPair, keyFingerprint, openBundle, signReceipt } from '../../src-main/core/sync/bundle/codec';
import { csvGbk, ROSTER_HEADERS, rosterRows } from '../support/synthetic';
import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * 导出到学校服务器 on the real shell: the roster comes in through the page's bridge; the server
 * settings, 立即导出, the history and the receipt go through the export page's UI.
 */

async function invoke(page: Page, channel: string, input: unknown): Promise<unknown> {
  const result = (await page.evaluate(([c, i]) => window.counsel.invoke(c as string, i), [channel, input] as const)) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  };
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

test('an administrator configures the school server, exports to a folder and imports the receipt', async ({ shell, page, dataDir }) => {
  await initializeViaCore(shell);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { name: /张老师/ })).toBeVisible();
  const roster = { fileName: '花名册.csv', contentBase64: csvGbk(ROSTER_HEADERS, rosterRows(40)).toString('base64') };
  const preview = (await invoke(page, 'roster.preview', roster)) as { mapping: unknown };
  await invoke(page, 'roster.import', { ...roster, mapping: preview.mapping });

  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  const server = generateSigningKeyPair();
  // A USB stick not yet plugged in: the folder does not exist at first.
  const folder = join(dataDir, 'usb-export');

  await page.getByRole('menuitem', { name: '导出到学校服务器' }).click();
  const settings = page.getByTestId('sync-server-card');
  await expect(settings).toBeVisible();
  // Connecting is importing the key file `school-server keys` writes (issue 16), not pasting keys.
  const keyFile = join(dataDir, 'school-server-keys.txt');
  writeFileSync(
    keyFile,
    `age recipient (server key for the workstations' settings):\n${recipient}\n\nsigning public key (fingerprint ${keyFingerprint(server.publicKeyPem)}):\n${server.publicKeyPem}`,
  );
  await settings.getByTestId('sync-server-keys').locator('input[type="file"]').setInputFiles(keyFile);
  await expect(settings.getByText(/已读取密钥文件“school-server-keys.txt”/)).toBeVisible();
  await settings.getByLabel('导出文件夹').fill(folder);
  await settings.getByLabel(/院系重点关注名单/).check();
  await settings.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存。')).toBeVisible();

  // The workstation's public key is on the page for the school IT.
  const keyCard = page.getByTestId('sync-key-card');
  await expect(keyCard.getByText(/BEGIN PUBLIC KEY/)).toBeVisible();
  const workstation = (await invoke(page, 'sync.workstationKey', {})) as { workstationId: string; publicKeyPem: string };

  const exportButton = page.getByRole('button', { name: /立即导出/ });
  await expect(exportButton).toBeEnabled();
  await exportButton.click();
  await expect(page.getByText(/导出目的地当前不可用/)).toBeVisible();
  const history = page.getByTestId('sync-history-card');
  const row = history.locator('tbody tr.ant-table-row').first();
  await expect(row).toContainText('待发送');

  mkdirSync(folder);
  await exportButton.click();
  await expect(page.getByText('已导出 1 个数据包。')).toBeVisible();
  await expect(history.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(row).toContainText('全量副本');
  await expect(row).toContainText('已发送');
  await expect(row).toContainText(folder);

  // What landed in the folder decrypts with the server's identity and names the roster's students.
  const manifestName = readdirSync(folder).find((n) => n.endsWith('.manifest.json'))!;
  const base = manifestName.replace(/\.manifest\.json$/, '');
  const opened = await openBundle({
    manifestFile: readFileSync(join(folder, manifestName), 'utf8'),
    payload: readFileSync(join(folder, `${base}.age`)),
    identity,
    trustedKeys: { [workstation.workstationId]: workstation.publicKeyPem },
  });
  expect(opened.events.filter((e) => e.entity === 'students')).toHaveLength(40);

  // The server's receipt, signed with its key, marks the bundle 已确认.
  const receiptFile = signReceipt(
    {
      format: 1,
      receiptId: 'r-e2e-1',
      workstationId: workstation.workstationId,
      profile: 'full',
      acknowledged: [{ bundleId: opened.manifest.bundleId, fromSeq: opened.manifest.fromSeq, toSeq: opened.manifest.toSeq }],
      appliedUpTo: opened.manifest.toSeq,
      gaps: [],
      createdAt: new Date().toISOString(),
    },
    server.privateKeyPem,
  );
  await page
    .getByTestId('sync-receipts-card')
    .locator('input[type="file"]')
    .first()
    .setInputFiles({ name: `receipt-${workstation.workstationId}-full.json`, mimeType: 'application/json', buffer: Buffer.from(receiptFile) });
  await expect(page.getByText('已确认 1 个数据包。')).toBeVisible();
  await expect(row).toContainText('已确认');

  // The workbench tells how long since the last acknowledged export.
  await page.getByRole('menuitem', { name: '工作台' }).click();
  await expect(page.getByTestId('sync-status-card')).toContainText('距上次确认导出：不到 1 小时');
});
