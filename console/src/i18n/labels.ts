import type { IntlShape } from 'react-intl';
import type { BookingStatus } from '@travobooks/client';

/** A booking's status in the person's language. */
export function statusLabel(intl: IntlShape, status: BookingStatus): string {
  return intl.formatMessage({ id: `status.${status}` });
}

/** A built-in role in the person's language; a role a tenant made for itself keeps the name it was given. */
export function roleLabel(intl: IntlShape, role: string): string {
  const id = `role.${role}`;
  return id in intl.messages ? intl.formatMessage({ id }) : role;
}
