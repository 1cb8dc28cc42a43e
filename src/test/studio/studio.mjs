// Drives the Studio in Debian's headless chromium through playwright-core, as a person would, on the example blog
// seeded with 100 users and 10,000 posts (src/test/resources/studio/blog-10000.sql). Every step checks what the
// page shows against what the API answers; a screenshot of each step goes to $SCREENSHOTS.
// Env: BASE_URL (the server), CHROMIUM (the browser), SCREENSHOTS (a folder). Prints "step ..." lines, then "all steps passed".
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
let shot = 0;
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.setDefaultTimeout(15000);
const consoleErrors = [];
page.on('pageerror', (e) => consoleErrors.push(String(e)));

async function step(name, body) {
  const started = Date.now();
  await body();
  shot++;
  await page.screenshot({ path: `${shots}/${String(shot).padStart(2, '0')}-${name}.png`, fullPage: false });
  console.log(`step ${name}: ok (${Date.now() - started} ms)`);
}

const api = async (method, path, data, headers) => {
  const response = await page.request.fetch(base + path, { method, data, headers });
  return { status: response.status(), json: await response.json().catch(() => null), headers: response.headers() };
};
const text = (selector) => page.locator(selector).first().textContent();
const rowCount = () => page.locator('#grid tbody tr').count();
const column = async (name) => {
  const headers = await page.locator('#grid thead th').allInnerTexts();
  const index = headers.findIndex((h) => h.replace(/[ ▲▼]/g, '') === name);
  assert.ok(index >= 0, `no column ${name} in ${headers}`);
  return page.locator(`#grid tbody tr td:nth-child(${index + 1})`).allInnerTexts();
};

try {
  await step('open', async () => {
    await page.goto(base + '/studio/');
    await page.locator('#model-list button[data-model="Post"] .count', { hasText: '10000' }).waitFor();
    // each model's count arrives on its own: wait for it rather than read it once
    await page.locator('#model-list button[data-model="User"] .count', { hasText: /^100$/ }).waitFor();
  });

  await step('labels-and-keyboard', async () => {
    // every control has an accessible name: a <label for>, aria-label, or its own text
    const unnamed = await page.evaluate(() => [...document.querySelectorAll('input, select, textarea, button')]
      .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.textContent.trim())
      .map((c) => c.outerHTML));
    assert.deepEqual(unnamed, []);
    // the model list is reached with Tab and opened with Enter
    await page.locator('body').focus();
    let found = false;
    for (let i = 0; i < 20 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement && document.activeElement.dataset.model === 'Post');
    }
    assert.ok(found, 'Tab reaches the Post model');
    await page.keyboard.press('Enter');
    await page.locator('#grid-title', { hasText: 'Post' }).waitFor();
    await page.locator('#total', { hasText: '10000 matching rows, page 1' }).waitFor();
    assert.equal(await rowCount(), 50, 'one page of 50, not the table');
  });

  await step('sort-and-page', async () => {
    await page.click('#grid button.sort[data-field="title"]');
    await page.locator('#grid th[aria-sort="ascending"]').waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'title', 'focus stays on the sort button');
    const first = await column('title');
    assert.deepEqual(first, [...first].sort(), 'sorted by title');
    assert.equal(first[0], 'Post 1');
    await page.click('#next-page');
    await page.locator('#total', { hasText: 'page 2' }).waitFor();
    const second = await column('title');
    assert.equal(second.length, 50);
    assert.ok(second[0] > first[49], `page 2 starts after page 1: ${second[0]} > ${first[49]}`);
    const expected = await api('GET', '/api/posts?orderBy=title&take=50&skip=50&select=title');
    assert.deepEqual(second, expected.json.map((p) => p.title), 'the same page as take/skip');
    await page.click('#grid button.sort[data-field="title"]');
    await page.locator('#grid th[aria-sort="descending"]').waitFor();
    assert.equal((await column('title'))[0], 'Post 9999');
  });

  await step('filter', async () => {
    await page.click('#add-condition');
    await page.selectOption('#condition-1-field', 'title');
    await page.selectOption('#condition-1-op', 'endsWith');
    await page.fill('#condition-1-value', '77');
    await page.click('#add-condition');
    await page.selectOption('#condition-2-field', 'published');
    await page.selectOption('#condition-2-op', 'equals');
    await page.selectOption('#condition-2-value', 'false');
    await page.click('#apply-filter');
    const count = await api('GET', '/api/posts/_count?filter=' + encodeURIComponent('{"title":{"endsWith":"77"},"published":false}'));
    await page.locator('#total', { hasText: `${count.json} matching rows` }).waitFor();
    assert.ok(count.json > 0 && count.json < 200, `a real subset: ${count.json}`);
    for (const title of await column('title')) assert.ok(title.endsWith('77'), title);
    for (const published of await column('published')) assert.equal(published, 'false');
    const url = await text('#request-url');
    assert.ok(url.includes('/api/posts?filter='), url);
    assert.ok((await text('#request-ts')).startsWith('await db.post.findMany({'), 'TypeScript client code');
    assert.ok((await text('#request-curl')).startsWith('curl '), 'curl');
    // the URL shown is the request: it answers the same rows
    const shown = await api('GET', url.replace(/^GET [^/]*\/\/[^/]+/, ''));
    assert.deepEqual(shown.json.map((p) => p.title), await column('title'));
  });

  let authorId;
  await step('follow-relations', async () => {
    const firstRow = page.locator('#grid tbody tr').first();
    authorId = (await column('authorId'))[0];
    await firstRow.locator('a.relation[data-field="author"]').click();
    await page.locator('#grid-title', { hasText: 'User' }).waitFor();
    await page.locator('#total', { hasText: '1 matching rows' }).waitFor();
    assert.deepEqual(await column('id'), [authorId]);
    const posts = page.locator('#grid tbody tr a.relation[data-field="posts"]');
    assert.equal(await posts.innerText(), '100 posts', 'to-many as a count');
    await posts.click();
    await page.locator('#grid-title', { hasText: 'Post' }).waitFor();
    await page.locator('#total', { hasText: '100 matching rows' }).waitFor();
    for (const id of await column('authorId')) assert.equal(id, authorId);
    await page.click('#clear-filter');
    await page.locator('#total', { hasText: '10000 matching rows' }).waitFor();
  });

  let created;
  await step('create-with-validation-error', async () => {
    await page.click('#new-record');
    await page.locator('#record-dialog[open]').waitFor();
    await page.fill('#field-id', 'p_studio');
    await page.fill('#field-title', 'From the Studio');
    await page.fill('#field-authorId', authorId);
    await page.click('#save-record');
    await page.locator('#field-body-error', { hasText: 'P2012' }).waitFor();
    assert.equal(await page.getAttribute('#field-body', 'aria-invalid'), 'true');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'field-body', 'focus moves to the field in error');
    await page.screenshot({ path: `${shots}/${String(++shot).padStart(2, '0')}-validation-error.png` });
    await page.fill('#field-body', 'Written in a browser');
    await page.click('#save-record');
    await page.locator('#record-dialog[open]').waitFor({ state: 'detached' }).catch(() => {});
    await page.locator('#status', { hasText: 'Created Post p_studio' }).waitFor();
    created = await api('GET', '/api/posts/p_studio');
    assert.equal(created.status, 200);
    assert.equal(created.json.body, 'Written in a browser');
    await page.locator('#model-list button[data-model="Post"] .count', { hasText: '10001' }).waitFor();
  });

  await step('stale-edit-conflict', async () => {
    await page.click('#add-condition');
    await page.selectOption('#condition-1-field', 'id');
    await page.fill('#condition-1-value', 'p_studio');
    await page.click('#apply-filter');
    await page.locator('#total', { hasText: '1 matching rows' }).waitFor();
    await page.click('#grid tbody tr button[aria-label="Edit Post p_studio"]');
    await page.locator('#record-dialog[open]').waitFor();
    assert.ok(await page.isDisabled('#field-id'), 'the id is not editable');
    // someone else edits the record meanwhile
    const other = await api('PATCH', '/api/posts/p_studio', { title: 'Changed elsewhere' });
    assert.equal(other.status, 200);
    await page.fill('#field-title', 'Changed in the Studio');
    await page.click('#save-record');
    await page.locator('#conflict').waitFor({ state: 'visible' });
    await page.locator('.field[data-field="title"] .current', { hasText: 'Current: Changed elsewhere' }).waitFor();
    assert.equal((await api('GET', '/api/posts/p_studio')).json.title, 'Changed elsewhere', 'the stale edit changed nothing');
    await page.screenshot({ path: `${shots}/${String(++shot).padStart(2, '0')}-conflict.png` });
    await page.click('#save-record');
    await page.locator('#status', { hasText: 'Saved Post p_studio' }).waitFor();
    assert.equal((await api('GET', '/api/posts/p_studio')).json.title, 'Changed in the Studio', 'saved again over the current version');
  });

  await step('delete-with-confirmation', async () => {
    let asked = '';
    page.once('dialog', (dialog) => { asked = dialog.message(); dialog.dismiss(); });
    await page.click('#grid tbody tr button[aria-label="Delete Post p_studio"]');
    await page.waitForTimeout(200);
    assert.ok(asked.startsWith('Delete Post p_studio?'), asked);
    assert.equal((await api('GET', '/api/posts/p_studio')).status, 200, 'dismissed: nothing deleted');
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#grid tbody tr button[aria-label="Delete Post p_studio"]');
    await page.locator('#status', { hasText: 'Deleted Post p_studio' }).waitFor();
    assert.equal((await api('GET', '/api/posts/p_studio')).status, 404);
    await page.locator('#model-list button[data-model="Post"] .count', { hasText: '10000' }).waitFor();
  });

  await step('diagram', async () => {
    await page.click('#show-diagram');
    await page.locator('#diagram g.model[data-model="User"]').waitFor();
    assert.equal(await page.locator('#diagram g.model').count(), 2);
    assert.equal(await page.locator('#diagram g.relation').count(), 1);
    // keyboard: a box is focusable and Enter opens its grid
    await page.focus('#diagram g.model[data-model="User"]');
    await page.keyboard.press('Enter');
    await page.locator('#grid-title', { hasText: 'User' }).waitFor();
    await page.locator('#total', { hasText: '100 matching rows' }).waitFor();
    await page.click('#show-diagram');
    await page.click('#diagram g.model[data-model="Post"] rect.title');
    await page.locator('#grid-title', { hasText: 'Post' }).waitFor();
    assert.equal(await page.isHidden('#diagram-view'), true);
  });

  assert.deepEqual(consoleErrors, [], 'no script errors in the page');
  console.log('all steps passed');
} finally {
  await browser.close();
}
