import type { WebhookDelivery } from '@travobooks/client';
import { dayOf } from './dates';

/**
 * The travel-agency chart's accounts the overview reads: what customers were invoiced (the receivables, 11 and
 * the accounts under it, on their debit side) and what the agency came to owe them back (refunds payable, 2250, on
 * its credit side).
 */
export const SALES = { account: '11', side: 'debit' } as const;
export const REFUNDS = { account: '2250', side: 'credit' } as const;

/** Finished webhook deliveries per day of `days` (made that day in the browser's zone): succeeded and dead. */
export function deliveriesByDay(deliveries: readonly WebhookDelivery[], days: readonly string[]) {
  const index = new Map(days.map((day, position) => [day, position]));
  const succeeded = days.map(() => 0);
  const dead = days.map(() => 0);
  for (const delivery of deliveries) {
    const position = index.get(dayOf(delivery.created_at));
    if (position === undefined) continue;
    if (delivery.status === 'SUCCEEDED') succeeded[position]! += 1;
    if (delivery.status === 'DEAD') dead[position]! += 1;
  }
  return { succeeded, dead };
}
