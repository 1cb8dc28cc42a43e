// Headless Chromium (Debian's, driven by playwright-core) on the Next.js page: the seeded rows are shown, and a post
// created through the form appears. Env: NEXT_URL, CHROMIUM, SCREENSHOT. Exits non-zero on the first failure.
import { chromium } from 'playwright-core';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage();
  const failures = [];
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => failures.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(process.env.NEXT_URL, { waitUntil: 'networkidle' });

  const users = await page.locator('#users > li strong').allTextContents();
  if (JSON.stringify(users) !== JSON.stringify(['Ada', 'bob@example.com', 'Di'])) throw new Error(`users shown: ${JSON.stringify(users)}`);
  const posts = await page.locator('li.post').allTextContents();
  if (JSON.stringify(posts) !== JSON.stringify(['Hello', 'Draft', "Bob's"])) throw new Error(`posts shown: ${JSON.stringify(posts)}`);

  const title = `From the browser ${Date.now()}`;
  await page.fill('input[name=title]', title);
  await page.fill('input[name=body]', 'sent by Chromium through CORS');
  await page.click('button[type=submit]');
  try {
    await page.locator('li[data-user="ada@example.com"] li.post', { hasText: title }).waitFor({ timeout: 20000 });
  } catch (e) {
    const alert = await page.locator('[role=alert]').allTextContents();
    throw new Error(`the new post did not appear; alert: ${JSON.stringify(alert)}; ${failures.join('; ')}`);
  }
  await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  console.log(`shown: ${JSON.stringify(users)} ${JSON.stringify(posts)}; created: ${title}`);
} finally {
  await browser.close();
}
