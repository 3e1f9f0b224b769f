import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type FetchAPI, newIdempotencyKey, Side, TravoClient, TravoProblem } from '@travobooks/client';

/** What the local server saw of the requests to one path. */
const seen = new Map<string, IncomingHttpHeaders[]>();

/**
 * A server on the loopback whose first path segment is a plan, `<status>-<failures>-<retryAfter>-<run>`: the first
 * `failures` requests to it are answered with `status` and, unless it is `x`, `Retry-After`; the next succeed.
 */
const server = createServer((request, response) => {
  const [, plan = '', ...rest] = (request.url ?? '').split('/');
  const [status = 503, failures = 0, retryAfter = Number.NaN] = plan.split('-').map(Number);
  const requests = [...(seen.get(plan) ?? []), request.headers];
  seen.set(plan, requests);
  request.resume();
  if (requests.length <= failures) {
    response.writeHead(status, { 'Content-Type': 'application/problem+json',
      ...(Number.isNaN(retryAfter) ? {} : { 'Retry-After': retryAfter }) });
    response.end(JSON.stringify({ type: 'about:blank', title: 'Later', status, code: 'TRY_LATER' }));
    return;
  }
  const whoAmI = rest.join('/') === 'v1/whoami';
  response.writeHead(whoAmI ? 200 : 201, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(whoAmI ? { tenant: 'local', kind: 'key', id: 'k1', scopes: [] }
    : { entry_id: 'e1', status: 'POSTED', seq: 7, posted_at: '2026-03-10T10:00:00Z' }));
});

let base = '';
let runs = 0;

/** A client of a fresh plan on the local server, and what the server saw of its requests. */
function clientFailing(status: number, failures: number, retryAfter: number | 'x' = 0)
  : [TravoClient, () => IncomingHttpHeaders[]] {
  const plan = `${status}-${failures}-${retryAfter}-${++runs}`;
  return [TravoClient.connect(`${base}/${plan}`, 'tb_local'), () => seen.get(plan) ?? []];
}

const entry = {
  id: 'e1', effective_date: '2026-03-10', lines: [
    { account: '1100', side: Side.Debit, amount_minor: 100, currency: 'BDT' },
    { account: '4300', side: Side.Credit, amount_minor: 100, currency: 'BDT' },
  ],
};

async function problemOf(promise: Promise<unknown>): Promise<TravoProblem> {
  const error: unknown = await promise.then(() => undefined, (thrown: unknown) => thrown);
  assert.ok(error instanceof TravoProblem, `expected a TravoProblem, got ${String(error)}`);
  return error;
}

describe('retries', () => {
  before(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>(resolve => server.close(() => resolve())));

  it('send a GET again after 503 with Retry-After', async () => {
    const [client, requests] = clientFailing(503, 2);
    assert.equal((await client.meta.whoAmI()).tenant, 'local');
    assert.equal(requests().length, 3);
  });

  it('never send a POST without an Idempotency-Key twice', async () => {
    const [client, requests] = clientFailing(503, 2);
    const problem = await problemOf(client.bookings.priceBooking({ bookingId: 'BK-1' }));
    assert.equal(problem.status, 503);
    assert.equal(problem.code, 'TRY_LATER');
    assert.equal(problem.retryAfter, 0);
    assert.equal(requests().length, 1);
  });

  it('send a POST with an Idempotency-Key again, under the same key', async () => {
    const [client, requests] = clientFailing(503, 2);
    const key = newIdempotencyKey();
    const posted = await client.journal.postJournalEntry({ idempotencyKey: key, body: entry });
    assert.equal(posted.seq, 7);
    assert.deepEqual(requests().map(headers => headers['idempotency-key']), [key, key, key]);
    assert.equal(requests()[0]?.['authorization'], 'Bearer tb_local');
  });

  it('wait for a key still in use (409 with Retry-After)', async () => {
    const [client, requests] = clientFailing(409, 1);
    await client.keyed(idempotencyKey => client.journal.postJournalEntry({ idempotencyKey, body: entry }));
    assert.equal(requests().length, 2);
  });

  it('give up after three retries, and hand back the last answer', async () => {
    const [client, requests] = clientFailing(502, 10);
    assert.equal((await problemOf(client.meta.whoAmI())).status, 502);
    assert.equal(requests().length, 4);
  });

  it('never repeat any other 4xx, nor wait longer than 30 seconds', async () => {
    const [refused, refusedRequests] = clientFailing(422, 1, 'x');
    assert.equal((await problemOf(refused.meta.whoAmI())).status, 422);
    assert.equal(refusedRequests().length, 1);
    const [slow, slowRequests] = clientFailing(429, 1, 120);
    const problem = await problemOf(slow.meta.whoAmI());
    assert.equal(problem.retryAfter, 120, 'the caller learns how long to wait');
    assert.equal(slowRequests().length, 1);
  });

  it('send a GET again when no answer came, but not an unkeyed POST', async () => {
    let tries = 0;
    const unreachable: FetchAPI = async () => {
      tries++;
      throw new TypeError('fetch failed');
    };
    const client = TravoClient.connect(base, 'tb_local', { fetchApi: unreachable, baseDelayMs: 1, maxRetries: 2 });
    assert.equal((await problemOf(client.meta.whoAmI())).code, 'NO_ANSWER');
    assert.equal(tries, 3);
    tries = 0;
    assert.equal((await problemOf(client.bookings.priceBooking({ bookingId: 'BK-1' }))).code, 'NO_ANSWER');
    assert.equal(tries, 1);
  });
});
