import { describe, expect, it } from 'vitest';
import type { WebhookDelivery } from '@travobooks/client';
import { deliveriesByDay } from '../src/overview';
import { dayOf } from '../src/dates';

function delivery(id: string, status: WebhookDelivery['status'], at: Date): WebhookDelivery {
  return { id, endpoint_id: 'ep', event_id: id, event_type: 'booking.issued', status, attempts: 1,
    next_attempt_at: at, created_at: at };
}

describe('webhook deliveries by day', () => {
  it('counts finished deliveries on the day they were made, leaving out pending ones and other days', () => {
    const noon = (day: number) => new Date(2026, 2, day, 12, 0);
    const days = [dayOf(noon(9)), dayOf(noon(10))];
    const counted = deliveriesByDay([
      delivery('a', 'SUCCEEDED', noon(9)), delivery('b', 'DEAD', noon(9)), delivery('c', 'SUCCEEDED', noon(10)),
      delivery('d', 'SUCCEEDED', noon(10)), delivery('e', 'PENDING', noon(10)), delivery('f', 'DEAD', noon(8)),
    ], days);
    expect(counted).toEqual({ succeeded: [1, 2], dead: [1, 0] });
  });

  it('is zero on every day without deliveries', () => {
    expect(deliveriesByDay([], ['2026-03-09'])).toEqual({ succeeded: [0], dead: [0] });
  });
});
