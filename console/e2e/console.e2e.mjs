// The console in headless Chromium against a real server, as an agency's people use it: the first user signs in with
// a second factor set up on the way; a booking is held, issued and refunded while a second tab follows it live; a
// manual entry waits for a second person, who approves it in a browser of their own; a customer's email is answered
// from the inbox; Arabic and Bangla. Every main screen is checked with axe-core and photographed in each language.
// Run by the e2e module's JUnit test, which starts the server; the tests run in order and build on each other.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
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
/** The agency's time zone, the one the server dates entries in: its people work in it. */
const ZONE = env('TRAVO_TIME_ZONE');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LOCALES = ['en', 'bn', 'ar'];
/** The accountant who checks the owner's entries; added by the maker-checker test. */
const NADIA = { email: 'nadia.accountant@example.com', password: 'amber-falcon-drifts-over-77-lanterns' };

let browser;
let page;
const policyViolations = [];
const pageErrors = [];
let secret;
let debitBeforeBooking;
/** The booking the exchange issued the new ticket on. */
let followOn;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    // Off the network Chromium would otherwise call home on: only the server under test is reachable.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US',
    timezoneId: ZONE });
  page = await context.newPage();
  context.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) policyViolations.push(message.text());
  });
  context.on('weberror', (error) => pageErrors.push(String(error.error())));
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

/** The agency's day `days` from now, as the API writes days (the server dates entries in the agency's zone). */
function inDays(days) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(Date.now() + days * 86_400_000));
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

/** A browser of Nadia's own, in the agency's time zone, signed in on `path`. */
async function browserOfNadia(path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: ZONE });
  context.on('weberror', (error) => pageErrors.push(String(error.error())));
  const tab = await context.newPage();
  await tab.goto(BASE + path);
  await tab.getByLabel('Email address').fill(NADIA.email);
  await tab.getByLabel('Password').fill(NADIA.password);
  await tab.getByRole('button', { name: 'Sign in' }).click();
  await tab.getByRole('navigation').waitFor();
  return { context, tab };
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
  // What an authenticator app reads off the screen: the QR code's URI, whose secret makes the first code.
  const drawn = PNG.sync.read(await page.getByRole('img', { name: 'QR code to scan' }).screenshot());
  const scanned = new URL(jsQR(new Uint8ClampedArray(drawn.data), drawn.width, drawn.height).data);
  assert.equal(scanned.protocol, 'otpauth:');
  assert.equal(scanned.searchParams.get('secret'), secret);
  await page.getByLabel('Code from the app').fill(totp(scanned.searchParams.get('secret')));
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
      id: 'e2e-sale-1', effective_date: inDays(0), description: 'Ticket sale',
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
  debitBeforeBooking = await debit.textContent();
  await inEveryLanguage('trial-balance');
});

test('a booking held, issued and refunded in the console shows live on a second page', async () => {
  await page.getByRole('link', { name: 'Bookings' }).click();
  await page.getByRole('link', { name: 'New booking' }).click();
  await page.getByLabel('From (airport code)').fill('DAC');
  await page.getByLabel('To (airport code)').fill('DXB');
  await page.getByLabel('Date').fill(inDays(30));
  await page.getByRole('button', { name: 'Search flights' }).click();
  await page.getByRole('radio').first().check();
  await page.getByLabel('Given name').fill('Rahim');
  await page.getByLabel('Surname').fill('Uddin');
  await inEveryLanguage('new-booking');
  await page.getByRole('button', { name: 'Hold' }).click();
  const status = (tab, value) => tab.locator(`[data-testid="booking-status"][data-status="${value}"]`).waitFor();
  await status(page, 'HELD');

  // A second tab of the same person, opened on the booking: it is never reloaded from here on.
  const session = await page.evaluate(() => sessionStorage.getItem('travobooks.session'));
  const second = await page.context().newPage();
  await second.goto(BASE + '/');
  await second.evaluate((stored) => sessionStorage.setItem('travobooks.session', stored), session);
  await second.goto(page.url());
  await status(second, 'HELD');

  await page.getByRole('button', { name: 'Price' }).click();
  await status(page, 'PRICED');
  await page.getByRole('button', { name: 'Preview the issue' }).click();
  await page.getByRole('heading', { name: 'What issuing posts' }).waitFor();
  await inEveryLanguage('issue-preview');
  await page.getByRole('button', { name: 'Issue tickets' }).click();
  await status(page, 'ISSUED');
  await status(second, 'ISSUED'); // pushed: the second tab is never reloaded
  assert.match(await page.getByTestId('documents').textContent(), /\d{3}-?\d{10}/);

  await page.getByRole('button', { name: 'Quote a refund' }).click();
  await status(page, 'REFUND_QUOTED');
  await page.getByTestId('refund-to-customer').waitFor();
  await inEveryLanguage('booking');
  await page.getByRole('button', { name: 'Confirm the refund' }).click();
  await status(page, 'REFUNDED');
  await status(second, 'REFUNDED'); // pushed: the second tab is never reloaded
  await second.close();

  await page.getByRole('link', { name: 'Trial balance' }).click();
  // A week ahead, so that every entry this run posted is in, whatever day it carries.
  await page.getByLabel('As of').fill(inDays(7));
  // The page may show the totals it read before at first: wait for the ones that include the booking.
  await page.waitForFunction((before) => {
    const total = document.querySelector('[data-testid="trial-balance-BDT"] [data-testid="total-debit"]');
    return total !== null && total.textContent !== before;
  }, debitBeforeBooking, { timeout: 10_000 });
});

/** A request to the server with the admin key, as a script of the agency's would make it. */
async function api(method, path, body, headers = {}) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json',
      ...(method === 'POST' ? { 'Idempotency-Key': crypto.randomUUID() } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) {
    assert.fail(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return response;
}

test('a manual entry held for approval is approved by a second person and posted', async () => {
  await api('PUT', '/v1/approval-policy', { rules: [{ operation: 'postJournalEntry' }] });
  await api('POST', '/v1/users', { ...NADIA, name: 'Nadia', role: 'accountant' });

  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('link', { name: 'New entry' }).click();
  await page.getByLabel('Description').fill('Office rent, cash');
  await page.getByLabel('Account 1').fill('1100');
  await page.getByLabel('Amount 1').fill('500');
  await page.getByLabel('Account 2').fill('4300');
  await page.getByLabel('Side 2').selectOption('CREDIT');
  await page.getByLabel('Amount 2').fill('499.99');
  assert.ok(await page.getByRole('button', { name: 'Post' }).isDisabled(), 'an unbalanced entry cannot be sent');
  await page.getByLabel('Amount 2').fill('500.00');
  await inEveryLanguage('new-entry');
  await page.getByRole('button', { name: 'Post' }).click();
  await page.getByText('The entry waits for a second person').waitFor();
  // The maker sees it waiting, as the checker will, and may not approve it.
  await page.getByRole('link', { name: 'Approvals' }).click();
  const own = page.getByRole('listitem').filter({ hasText: 'postJournalEntry' });
  await own.getByRole('table').waitFor(); // the entry's lines
  assert.match(await own.textContent(), /Office rent, cash/);
  assert.ok(await own.getByRole('button', { name: 'Approve' }).isDisabled(), 'not the maker\'s to approve');
  await inEveryLanguage('approvals');

  // The second person, in a browser of their own.
  const { context: theirs, tab: checkerPage } = await browserOfNadia('/approvals');
  await checkerPage.getByRole('link', { name: 'Approvals' }).click();
  const held = checkerPage.getByRole('listitem').filter({ hasText: 'postJournalEntry' });
  await held.waitFor();
  assert.match(await held.getByTestId('payload').textContent(), /Office rent, cash/);
  const preview = await held.getByRole('table').textContent(); // the entry's lines, as accountants read them
  assert.match(preview, /1100.*500\.00/);
  assert.match(preview, /4300.*500\.00/);
  await held.getByRole('button', { name: 'Approve' }).click();
  await checkerPage.getByText('Nothing waits for approval.').waitFor();
  await theirs.close();

  await page.getByRole('link', { name: 'Journal' }).click();
  await page.getByRole('heading', { name: 'Journal', exact: true }).waitFor();
  await page.getByText('Office rent, cash').waitFor();
  await inEveryLanguage('journal');
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('a customer\'s email is answered from the inbox', async () => {
  const secret = 'inbox-source-secret-for-the-e2e-run-0001';
  const created = await (await api('POST', '/v1/inbound-sources', { channel: 'EMAIL', secret })).json();
  const message = JSON.stringify({ id: 'mail-1', from: 'karim@example.com', subject: 'My ticket',
    text: 'Can I travel a day later?' });
  const filed = await fetch(BASE + created.source.hook_path, {
    method: 'POST', body: message,
    headers: { 'Content-Type': 'application/json',
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(message).digest('hex')}` },
  });
  assert.ok(filed.status < 300, `filed: ${filed.status} ${await filed.text()}`);

  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('button', { name: /karim@example\.com/ }).click();
  await page.getByText('Can I travel a day later?').waitFor();
  await page.getByLabel('Reply').fill('Yes: the change costs 1,500 BDT. Shall I make it?');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('[data-direction="OUTBOUND"]', { hasText: 'the change costs' }).waitFor();
  await page.getByRole('button', { name: 'Assign to me' }).click();
  await page.getByText(`Handled by ${EMAIL}`).waitFor();
  await inEveryLanguage('inbox');
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('a booking\'s page shows its tickets, entries and linked messages, and exchanges it for another flight',
  async () => {
    const offers = await (await api('GET', `/v1/offers?origin=DAC&destination=DXB&date=${inDays(30)}`)).json();
    await api('POST', '/v1/bookings', { id: 'E2E-EX-1', offer_id: offers.items[0].offer_id,
      passengers: [{ given_name: 'KARIM', surname: 'AHMED' }], terms: { currency: 'BDT' } });
    await api('POST', '/v1/bookings/E2E-EX-1/price', {});
    await api('POST', '/v1/bookings/E2E-EX-1/issue', {});

    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: /karim@example\.com/ }).click();
    await page.getByLabel('Link a booking').fill('E2E-EX-1');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('link', { name: 'E2E-EX-1' }).click();

    await page.getByTestId('documents').getByText('open').first().waitFor();
    await page.getByTestId('booking-entries').locator('li').first().waitFor();
    await page.getByRole('article').getByText('Can I travel a day later?').waitFor();
    await page.getByRole('button', { name: 'Get the e-ticket (PDF)' }).click();
    const saving = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Save e-ticket for E2E-EX-1' }).click();
    const saved = await saving;
    assert.equal(saved.suggestedFilename(), 'e-ticket-E2E-EX-1.pdf');
    assert.equal(readFileSync(await saved.path()).subarray(0, 5).toString('latin1'), '%PDF-');
    await inEveryLanguage('booking-records');

    await page.getByRole('button', { name: 'Exchange…' }).click();
    await page.getByLabel('From (airport code)').fill('DAC');
    await page.getByLabel('To (airport code)').fill('DXB');
    await page.getByLabel('Date').fill(inDays(31));
    await page.getByRole('button', { name: 'Search flights' }).click();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Ask what the exchange costs' }).click();
    await page.getByTestId('exchange-quote').waitFor();
    await inEveryLanguage('exchange');
    await page.getByRole('button', { name: 'Exchange as quoted' }).click();
    await page.waitForURL(/\/bookings\/EX-/);
    followOn = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1));
    await page.locator('[data-testid="booking-status"][data-status="ISSUED"]').waitFor();
    const original = await (await api('GET', '/v1/bookings/E2E-EX-1')).json();
    assert.equal(original.status, 'EXCHANGED');
    await page.getByRole('link', { name: 'Trial balance' }).click();
  });

test('the overview charts sales and refunds, what BSP is owed and by when, and webhook deliveries', async () => {
  const current = await api('GET', '/v1/posting-rules');
  const { rules } = await current.json();
  await api('PUT', '/v1/posting-rules', { ...rules, billing_calendar: { first_days: [1, 16], remittance_days: 10 } },
    { 'If-Match': current.headers.get('ETag') });

  await page.getByRole('link', { name: 'Overview' }).click();
  const figure = (title) => page.getByRole('figure', { name: title });
  const rows = async (title) => {
    await figure(title).getByText('Show the figures as a table').click();
    return figure(title).locator('tbody tr').allTextContents();
  };
  // Today's row: the tickets issued and the refund confirmed earlier in this run.
  const today = (await rows('Sales and refunds, last 30 days')).at(-1);
  const [invoiced, owedBack] = today.match(/BDT\s?[\d,]+\.\d{2}/g);
  assert.notEqual(invoiced.replace(/\s/g, ''), 'BDT0.00', today);
  assert.notEqual(owedBack.replace(/\s/g, ''), 'BDT0.00', today);
  const periods = await rows('Owed to BSP per billing period, and when it falls due');
  assert.match(periods.at(-1), /due by /);
  await figure('Webhook deliveries by day (the latest').waitFor();
  await inEveryLanguage('overview');
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('a statement closes where the trial balance has its account, reports show, a period is closed', async () => {
  // What account 1100 holds a week ahead, by the trial balance; its statement must close at the same amount.
  const weekAhead = page.waitForResponse((response) => response.url().includes(`as_of=${inDays(7)}`));
  await page.getByLabel('As of', { exact: true }).fill(inDays(7));
  await weekAhead;
  const expected = (await page.getByTestId('trial-balance-BDT').getByTestId('debit-1100').textContent()).trim();
  await page.getByRole('link', { name: 'Statement' }).click();
  await page.getByLabel('To', { exact: true }).fill(inDays(7));
  await page.waitForFunction((amount) => document.querySelector('[data-testid="closing"]')?.textContent === amount,
    expected, { timeout: 10_000 });
  assert.ok(await page.getByTestId('statement').locator('tbody tr').count() > 2, 'the lines behind the balance');
  await inEveryLanguage('statement');

  await page.getByRole('link', { name: 'Reports' }).click();
  await page.locator('#balance-title').waitFor();
  const balanceDay = page.getByRole('region', { name: 'Balance sheet' }).getByLabel('As of', { exact: true });
  await balanceDay.fill(inDays(7));
  await page.getByTestId('balance-BDT').waitFor();
  await page.getByTestId('income-BDT').waitFor();
  // The end of last year: nothing this run posts is dated then.
  const yearEnd = `${Number(inDays(0).slice(0, 4)) - 1}-12-31`;
  await page.getByLabel('Close through').fill(yearEnd);
  await page.getByRole('button', { name: 'Close…' }).click();
  await page.getByRole('button', { name: `Close every day through ${yearEnd}` }).click();
  await page.getByText(`The books are closed through ${yearEnd}`).waitFor();
  await inEveryLanguage('reports');
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('the chart of accounts is a tree that folds, takes a new account, and an entry is reversed from its page',
  async () => {
    await page.getByRole('link', { name: 'Accounts', exact: true }).click();
    const receivables = page.getByTestId('account-11');
    await receivables.getByTestId('account-1100').waitFor();
    await page.getByRole('button', { name: 'Fold the accounts under 11' }).click();
    await receivables.getByTestId('account-1100').waitFor({ state: 'detached' }); // folded away
    await page.getByRole('button', { name: 'Show the accounts under 11' }).click();
    await receivables.getByTestId('account-1100').waitFor();

    await page.getByLabel('Account', { exact: true }).fill('1190');
    await page.getByLabel('Name', { exact: true }).fill('Receivable: walk-in');
    await page.getByLabel('Under', { exact: true }).selectOption('11');
    await page.getByLabel('Only in currency (optional)').fill('BDT');
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await receivables.getByTestId('account-1190').waitFor();
    await inEveryLanguage('accounts');

    await page.getByRole('link', { name: 'Journal' }).click();
    await page.getByRole('link', { name: 'e2e-sale-1' }).click();
    await page.getByRole('heading', { name: 'Entry e2e-sale-1' }).waitFor();
    await inEveryLanguage('entry');
    await page.getByRole('button', { name: 'Post the reversal' }).click();
    // The reversal's own page, which names the entry it reverses.
    await page.getByText('Reverses or settles').waitFor();
    assert.match(await page.getByRole('heading', { level: 1 }).textContent(), /Entry reversal-/);
    await page.getByRole('link', { name: 'e2e-sale-1' }).click();
    await page.getByTestId('answered-by').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Post the reversal' }).count(), 0, 'reversed once only');
    await page.getByRole('link', { name: 'Trial balance' }).click();
  });

test('a webhook endpoint is registered with its secret shown once, rotated, disabled and enabled', async () => {
  await page.getByRole('link', { name: 'Webhooks' }).click();
  await page.getByLabel('Endpoint id').fill('accounting-system');
  // A loopback address, which the test's server allows (by default only public addresses are).
  await page.getByLabel('Address', { exact: true }).fill('http://127.0.0.1:9/travobooks');
  await page.getByLabel('Event types (all when empty)').fill('booking.issued, booking.refunded');
  await page.getByRole('button', { name: 'Register', exact: true }).click();
  const first = (await page.getByTestId('webhook-secret').textContent()).trim();
  assert.ok(first.length >= 32, 'a secret long enough to sign with');
  const endpoint = page.getByTestId('endpoint-accounting-system');
  await endpoint.getByRole('button', { name: 'Rotate the secret' }).click();
  await endpoint.getByTestId('webhook-secret').waitFor();
  assert.notEqual((await endpoint.getByTestId('webhook-secret').textContent()).trim(), first);
  await endpoint.getByLabel('Reason to disable').fill('The accounting system moves this week');
  await endpoint.getByRole('button', { name: 'Disable' }).click();
  await endpoint.getByText('Disabled').waitFor();
  await endpoint.getByRole('button', { name: 'Enable' }).click();
  await endpoint.getByText('Enabled').waitFor();
  await inEveryLanguage('webhooks');
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('a person is added, and an AI agent\'s key is made within a mandate and revoked', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Karim Viewer');
  await page.getByLabel('Email address').fill('karim.viewer@example.com');
  await page.getByLabel('Password').fill('copper-lantern-drifts-41-owls');
  await page.getByRole('button', { name: 'Add the person' }).click();
  await page.getByTestId('user-karim.viewer@example.com').waitFor();

  await page.getByLabel('What the key is for').fill('booking agent');
  const keys = page.getByRole('region', { name: 'API keys' });
  await keys.getByRole('checkbox', { name: 'bookings:write' }).check();
  await keys.getByRole('checkbox', { name: 'bookings:issue' }).check();
  await page.getByRole('checkbox', { name: 'For an AI agent' }).check();
  await page.getByLabel('Most per booking').fill('60000');
  await page.getByLabel('Most per day').fill('200000');
  await page.getByLabel('Most in all').fill('1000000');
  await page.getByRole('button', { name: 'Create the key' }).click();
  assert.match((await page.getByTestId('new-key').textContent()).trim(), /^tb_[0-9A-Za-z]{36}$/);
  const key = page.getByTestId('key-booking agent');
  await key.getByText('AI agent (mandate)').waitFor();
  await inEveryLanguage('settings');
  await key.getByRole('button', { name: 'Revoke' }).click();
  await key.getByText('Revoked').waitFor();
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('a role of the tenant\'s own is made, given to a person, changed and deleted once no one holds it',
  async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Role name').fill('night-desk');
    const role = page.getByTestId('role-night-desk');
    const creating = page.getByRole('region', { name: 'Roles' });
    await creating.getByRole('checkbox', { name: 'bookings:read' }).check();
    await page.getByRole('button', { name: 'Make the role' }).click();
    await role.waitFor();
    const person = page.getByTestId('user-karim.viewer@example.com');
    const giveRole = async (name) => {
      const answered = page.waitForResponse((response) => response.url().endsWith('/role'));
      await person.getByRole('combobox').selectOption(name);
      assert.equal((await answered).status(), 200);
    };
    await giveRole('night-desk');
    await role.getByRole('button', { name: 'Change scopes' }).click();
    await role.getByRole('checkbox', { name: 'messaging:write' }).check();
    await role.getByRole('button', { name: 'Save' }).click();
    await role.getByText('bookings:read messaging:write').waitFor();
    await role.getByRole('button', { name: 'Delete' }).click();
    await role.getByRole('alert').waitFor(); // someone holds it
    await giveRole('viewer');
    await role.getByRole('button', { name: 'Delete' }).click();
    await role.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Trial balance' }).click();
  });

test('a booking event\'s email is previewed in each language, right to left in Arabic', async () => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Event').selectOption('booking.issued');
  await page.getByLabel('Channel').selectOption('EMAIL');
  await page.getByLabel('Booking', { exact: true }).fill(followOn); // issued, by the exchange
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  for (const locale of ['en', 'bn', 'ar']) {
    await page.getByTestId(`preview-${locale}`).locator('[dir]').first().waitFor();
  }
  const direction = (locale) => page.getByTestId(`preview-${locale}`).locator('[dir]').first().getAttribute('dir');
  assert.equal(await direction('ar'), 'rtl');
  assert.equal(await direction('en'), 'ltr');
  assert.match(await page.getByTestId('preview-en').textContent(), /KARIM/);
  const text = (locale) => page.getByTestId(`preview-${locale}`).textContent();
  assert.notEqual(await text('bn'), await text('en'), 'the Bangla template, not the English one');
  await page.locator('#templates-title').scrollIntoViewIfNeeded();
  await inEveryLanguage('templates');
  await page.getByRole('link', { name: 'Trial balance' }).click();
});

test('a person signs another browser out, and makes, uses and revokes a personal access token', async () => {
  const laptop = await browserOfNadia('/account');
  const phone = await browserOfNadia('/account');
  await phone.tab.getByRole('heading', { name: 'Your account' }).waitFor();
  await laptop.tab.reload();
  const other = laptop.tab.getByTestId('session-other');
  await other.first().waitFor();
  const others = await other.count();
  await other.first().getByRole('button', { name: 'Sign that one out' }).click();
  await laptop.tab.waitForFunction((before) => document.querySelectorAll('[data-testid="session-other"]').length
    === before - 1, others);
  await phone.tab.reload();
  await phone.tab.getByRole('button', { name: 'Sign in' }).waitFor(); // the phone was signed out
  await phone.context.close();

  await laptop.tab.getByLabel('What the key is for').fill('month-end export');
  await laptop.tab.getByRole('checkbox', { name: 'ledger:read' }).check();
  assert.equal(await laptop.tab.getByRole('checkbox', { name: 'users:admin' }).count(), 0,
    'only scopes the person has are offered');
  await laptop.tab.getByRole('button', { name: 'Create the token' }).click();
  const token = (await laptop.tab.getByTestId('new-key').textContent()).trim();
  const accounts = () => fetch(`${BASE}/v1/accounts`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal((await accounts()).status, 200);
  await laptop.tab.getByTestId('key-month-end export').getByRole('button', { name: 'Revoke' }).click();
  await laptop.tab.getByText('You have no tokens.').waitFor();
  assert.equal((await accounts()).status, 401);
  await laptop.context.close();

  await page.getByRole('link', { name: /^Signed in as/ }).click();
  await page.getByTestId('session-current').waitFor();
  await inEveryLanguage('account');
  await page.getByRole('link', { name: 'Trial balance' }).click();
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
  const total = await page.getByTestId('trial-balance-BDT').getByTestId('total-debit').textContent();
  assert.match(total, /[০-৯],[০-৯]{3}\.[০-৯]{2}/);
  assert.doesNotMatch(total, /[0-9]/);
  await chooseLanguage('en');
});

test('nothing the console did was refused by its content policy, and no script failed', () => {
  assert.deepEqual(policyViolations, []);
  assert.deepEqual(pageErrors, []);
});
