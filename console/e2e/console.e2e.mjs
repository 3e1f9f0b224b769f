// The console in headless Chromium against a real server: sign in with a second factor set up on the way, see the
// trial balance change when an entry is posted, switch to Arabic and Bangla. Every main screen is checked with
// axe-core and photographed in each language. Run by the e2e module's JUnit test, which starts the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { totp } from './totp.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const BASE = env('TRAVO_URL');
const EMAIL = env('TRAVO_EMAIL');
const PASSWORD = env('TRAVO_PASSWORD');
const KEY = env('TRAVO_KEY');
const SHOTS = env('TRAVO_SCREENSHOTS');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LOCALES = ['en', 'bn', 'ar'];

let browser;
let page;
const policyViolations = [];
let secret;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    // Off the network Chromium would otherwise call home on: only the server under test is reachable.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) policyViolations.push(message.text());
  });
});

after(async () => {
  await browser?.close();
});

/** No serious or critical accessibility violation on the page as it is now (axe-core, WCAG 2.1 AA). */
async function accessible(screen) {
  await page.evaluate(AXE); // through the debugging protocol: the page's content policy stays as it is
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const serious = result.violations.filter((violation) => ['serious', 'critical'].includes(violation.impact));
  assert.deepEqual(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target)
    .join(' ')}`), [], `axe on ${screen}`);
}

async function chooseLanguage(locale) {
  await page.getByTestId('language').selectOption(locale);
  await page.waitForFunction((expected) => document.documentElement.lang === expected, locale);
}

/** Each language in turn: the screen checked and photographed; English again at the end. */
async function inEveryLanguage(screen) {
  for (const locale of LOCALES) {
    await chooseLanguage(locale);
    await accessible(`${screen} (${locale})`);
    await page.screenshot({ path: join(SHOTS, `${screen}-${locale}.png`), fullPage: true });
  }
  await chooseLanguage('en');
}

async function signIn(code) {
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  if (code) {
    await page.getByLabel('Code from your authenticator app').fill(code);
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('the sign-in page is served with the console\'s content policy', async () => {
  const response = await page.goto(BASE + '/');
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'], /script-src 'self';/);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await inEveryLanguage('sign-in');
});

test('the first user sets up an authenticator app at the first sign-in', async () => {
  await signIn();
  const shown = page.getByTestId('totp-secret');
  await shown.waitFor();
  await inEveryLanguage('mfa-setup');
  secret = (await shown.textContent()).trim();
  await page.getByLabel('Code from the app').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByTestId('recovery-codes').locator('li');
  await codes.first().waitFor();
  assert.equal(await codes.count(), 10);
  await page.getByRole('button', { name: 'Sign in again' }).click();
});

test('a sign-in without the code is asked for one, and one with it gets in', async () => {
  await signIn();
  await page.getByText('Your role signs in with a second factor').waitFor();
  // The next step's code: the current one was used to turn the app on, and each code works once.
  await signIn(totp(secret, 1));
  await page.getByRole('heading', { name: 'Bookings' }).waitFor();
  await page.getByText('No bookings.').waitFor();
  await inEveryLanguage('bookings');
});

test('the trial balance shows an entry posted through the API', async () => {
  await page.getByRole('link', { name: 'Trial balance' }).click();
  await page.getByRole('heading', { name: 'Trial balance' }).waitFor();
  const posted = await fetch(`${BASE}/v1/journal-entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json', 'Idempotency-Key': 'e2e-sale-1' },
    body: JSON.stringify({
      id: 'e2e-sale-1', effective_date: new Date().toISOString().slice(0, 10), description: 'Ticket sale',
      lines: [
        { account: '1100', side: 'DEBIT', amount_minor: 1234567, currency: 'BDT' },
        { account: '4300', side: 'CREDIT', amount_minor: 1234567, currency: 'BDT' },
      ],
    }),
  });
  assert.equal(posted.status, 201, await posted.text());
  await page.reload();
  const debit = page.getByTestId('trial-balance-BDT').getByTestId('total-debit');
  await debit.waitFor();
  assert.match(await debit.textContent(), /12,345\.67/);
  assert.equal(await page.getByTestId('trial-balance-BDT').getByTestId('total-credit').textContent(),
    await debit.textContent());
  await inEveryLanguage('trial-balance');
});

test('Arabic lays the page out right to left, and Bangla writes Bengali digits', async () => {
  await chooseLanguage('ar');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  const title = await page.getByText('ترافوبوكس').boundingBox();
  const signOut = await page.getByRole('button', { name: 'تسجيل الخروج' }).boundingBox();
  assert.ok(title.x > signOut.x, 'the title is on the right, signing out on the left');
  await page.getByRole('heading', { name: 'ميزان المراجعة' }).waitFor();
  await chooseLanguage('bn');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  assert.match(await page.getByTestId('trial-balance-BDT').getByTestId('total-debit').textContent(), /১২,৩৪৫\.৬৭/);
  await chooseLanguage('en');
});

test('nothing the console did was refused by its content policy', () => {
  assert.deepEqual(policyViolations, []);
});
