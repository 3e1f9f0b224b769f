import { randomUUID } from 'node:crypto';
import { type EntryFields, Side, TravoClient } from '@travobooks/client';

/** The server under test, as the build names it; without one the tests that need it are skipped. */
export const url = process.env['TRAVO_URL'] ?? '';
export const key = process.env['TRAVO_KEY'] ?? '';
/** The tenant the key belongs to. */
export const tenant = process.env['TRAVO_TENANT'] ?? '';
export const noServer = url === '' || key === '' || tenant === ''
  ? 'TRAVO_URL, TRAVO_KEY and TRAVO_TENANT name no server' : false;

export function connect(): TravoClient {
  return TravoClient.connect(url, key);
}

/** A unique id, so that the tests can run again against the same server. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A sale of `amount` paisa on account: the customer (1100) owes, service fees (4300) earned. */
export function sale(id: string, amount: number, credit: number = amount): EntryFields {
  return {
    id,
    effective_date: '2026-03-10',
    lines: [
      { account: '1100', side: Side.Debit, amount_minor: amount, currency: 'BDT' },
      { account: '4300', side: Side.Credit, amount_minor: credit, currency: 'BDT' },
    ],
  };
}
