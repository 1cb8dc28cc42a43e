// The Studio in jwt mode over the blog's row-level security (the security tests' scenario): without a token it shows
// what the anonymous role may read, with Alice's token what she may read, and never more.
// Env: BASE_URL, CHROMIUM, SCREENSHOTS, ALICE_TOKEN. Prints "all steps passed".
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const base = process.env.BASE_URL.replace(/\/$/, '');
const shots = process.env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(15000);
const ids = async () => page.locator('#grid tbody tr td:first-child').allInnerTexts();

try {
  await page.goto(base + '/studio/');
  await page.locator('#model-list button[data-model="Post"] .count', { hasText: '2' }).waitFor();
  await page.click('#model-list button[data-model="Post"]');
  await page.locator('#total', { hasText: '2 matching rows' }).waitFor();
  assert.deepEqual((await ids()).sort(), ['p_alice_pub', 'p_bob_pub'], 'anonymous: the published posts only');
  await page.screenshot({ path: `${shots}/policies-1-anonymous.png` });
  console.log('step anonymous: ok');

  await page.fill('#token', process.env.ALICE_TOKEN);
  await page.click('#token-form button[type="submit"]');
  await page.locator('#model-list button[data-model="Post"] .count', { hasText: '3' }).waitFor();
  await page.locator('#total', { hasText: '3 matching rows' }).waitFor();
  assert.deepEqual((await ids()).sort(), ['p_alice_draft', 'p_alice_pub', 'p_bob_pub'], 'Alice: the published posts and her draft');
  assert.ok((await page.locator('#request-curl').textContent()).includes("-H 'Authorization: Bearer "), 'curl carries the token');
  await page.screenshot({ path: `${shots}/policies-2-alice.png` });
  console.log('step alice: ok');

  // Alice cannot see Bob's draft even by asking for it
  await page.click('#add-condition');
  await page.fill('#condition-1-value', 'p_bob_draft');
  await page.click('#apply-filter');
  await page.locator('#total', { hasText: '0 matching rows' }).waitFor();
  console.log('step hidden-row: ok');
  console.log('all steps passed');
} finally {
  await browser.close();
}
