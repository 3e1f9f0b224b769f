import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newIdempotencyKey, outcome, pages, TravoClient, TravoProblem } from '@travobooks/client';
import { connect, noServer, sale, tenant, unique, url } from './support.js';

/** Asserts that `promise` rejects with a TravoProblem, and hands it over for more checks. */
async function problemOf(promise: Promise<unknown>): Promise<TravoProblem> {
  const error: unknown = await promise.then(() => undefined, (thrown: unknown) => thrown);
  assert.ok(error instanceof TravoProblem, `expected a TravoProblem, got ${String(error)}`);
  return error;
}

describe('the client against a real server', { skip: noServer }, () => {
  const client = connect();

  it('names the tenant of its credential', async () => {
    const caller = await client.meta.whoAmI();
    assert.equal(caller.tenant, tenant);
  });

  it('posts an entry sent twice under one key once, and the trial balance shows it', async () => {
    const entry = sale(unique('ts-sale'), 125_000);
    const first = await client.keyed(async idempotencyKey => {
      const once = await outcome(client.journal.postJournalEntryRaw({ idempotencyKey, body: entry }));
      const again = await outcome(client.journal.postJournalEntryRaw({ idempotencyKey, body: entry }));
      assert.ok(!once.held && !again.held);
      assert.equal(once.status, 201);
      assert.equal(once.replayed, false);
      assert.equal(again.replayed, true, 'the second answer is the first one, replayed');
      assert.equal(again.value.seq, once.value.seq);
      return once.value;
    });
    assert.equal(first.status, 'POSTED');

    const balance = await client.reports.getTrialBalance({});
    const taka = balance.currencies.find(currency => currency.currency === 'BDT');
    assert.ok(taka);
    assert.equal(taka.total_debit_minor, taka.total_credit_minor);
    assert.ok(taka.total_debit_minor >= 125_000);
  });

  it('throws an unbalanced entry as a problem with the library\'s code', async () => {
    const problem = await problemOf(client.keyed(idempotencyKey => client.journal.postJournalEntry({
      idempotencyKey, body: sale(unique('ts-unbalanced'), 100, 99) })));
    assert.equal(problem.status, 422);
    assert.equal(problem.code, 'LEDGER_UNBALANCED');
  });

  it('names the field of a request the contract refuses', async () => {
    const empty = { ...sale(unique('ts-empty'), 100), lines: [] };
    const problem = await problemOf(client.journal.postJournalEntry({
      idempotencyKey: newIdempotencyKey(), body: empty }));
    assert.equal(problem.status, 400);
    assert.equal(problem.code, 'INVALID_REQUEST');
    assert.ok(problem.errors.some(error => error.field === '/lines'), JSON.stringify(problem.errors));
  });

  it('reads every account through pages of two, in order', async () => {
    const byTwo: string[] = [];
    for await (const account of pages.all(cursor => client.accounts.listAccounts({ limit: 2, cursor }),
      page => page.items, page => page.next_cursor)) {
      byTwo.push(account.code);
    }
    const whole = await client.accounts.listAccounts({ limit: 200 });
    assert.equal(whole.next_cursor, undefined, 'the whole chart on one page');
    assert.ok(whole.items.length > 4, 'the chart a tenant starts with: several pages of two');
    assert.deepEqual(byTwo, whole.items.map(account => account.code));
  });

  it('throws 401 for a wrong key', async () => {
    const stranger = TravoClient.connect(`${url}/`, 'tb_wrong');
    const problem = await problemOf(stranger.meta.whoAmI());
    assert.equal(problem.status, 401);
    assert.equal(problem.code, 'UNAUTHENTICATED');
  });

  it('tells an entry held for a second person from one posted', async () => {
    // Only entries above 9,000,000 taka wait: the other tests' entries stay far below.
    await client.approvals.setApprovalPolicy({ approvalPolicy: {
      rules: [{ operation: 'postJournalEntry', above_minor: 900_000_000, currency: 'BDT' }] } });
    try {
      const held = await outcome(client.journal.postJournalEntryRaw({
        idempotencyKey: newIdempotencyKey(), body: sale(unique('ts-large'), 1_000_000_000) }));
      assert.ok(held.held, 'a 202 is the pending approval, not a posting');
      assert.equal(held.approval.operation, 'postJournalEntry');
      assert.equal(held.approval.status, 'PENDING');
    } finally {
      await client.approvals.setApprovalPolicy({ approvalPolicy: { rules: [] } });
    }
  });
});
