import { useIntl } from 'react-intl';
import { describe } from '../problems';

/** What went wrong, announced to screen readers; nothing while there is no error. */
export function Failure({ error, className }: { error: unknown; className?: string }) {
  const intl = useIntl();
  if (error === null || error === undefined) {
    return null;
  }
  return (
    <p role="alert" className={className}>
      {intl.formatMessage({ id: 'common.error' }, { detail: describe(error) })}
    </p>
  );
}
