import type { Fare } from '@travobooks/client';

/** What one passenger pays the airline: base fare, carrier surcharges and taxes, in minor units. */
export function fareTotal(fare: Fare): number {
  return fare.base.amount_minor + fare.carrier_surcharges.amount_minor + fare.taxes.amount_minor;
}
