import { ADMIN, expect, initializeViaCore, signIn, test } from './fixtures';

/**
 * Issue 19 goal 4 (start-up): the lock screen arrives without the screens; a route's code is
 * fetched the first time the route opens, and not again when it opens a second time.
 */
test('the lock screen loads no screen; opening 统计 fetches its code once, and the page works', async ({ page, shell }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await initializeViaCore(shell);
  await expect(page.getByLabel('密码', { exact: true })).toBeEnabled();
  const statisticsChunk = (path: string) => /\/assets\/Statistics-[\w-]+\.js$/.test(path);
  expect(scripts.filter(statisticsChunk), 'the statistics screen is not loaded with the lock screen').toEqual([]);

  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible({ timeout: 15_000 });
  expect(scripts.filter(statisticsChunk)).toEqual([]);

  const navigation = page.getByRole('navigation');
  await navigation.getByRole('menuitem', { name: '统计' }).click();
  await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
  await expect.poll(() => scripts.filter(statisticsChunk).length).toBe(1);

  // Away and back: the code is already there.
  await navigation.getByRole('menuitem', { name: '工作台' }).click();
  await expect(page.getByText(`您好，${ADMIN.displayName}`)).toBeVisible();
  await navigation.getByRole('menuitem', { name: '统计' }).click();
  await expect(page.getByRole('main').getByRole('heading').first()).toBeVisible();
  expect(scripts.filter(statisticsChunk)).toHaveLength(1);
});
