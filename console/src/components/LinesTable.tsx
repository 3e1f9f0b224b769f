import { useIntl } from 'react-intl';
import type { Line } from '@travobooks/client';
import { formatMinor } from '../money';

/** Journal lines as accountants read them: the account, then the amount under debit or credit. */
export function LinesTable({ lines, className = '' }: { lines: readonly Line[]; className?: string }) {
  const intl = useIntl();
  return (
    <table className={`w-full text-sm ${className}`}>
      <thead>
        <tr>
          <th scope="col" className="text-start">{intl.formatMessage({ id: 'trialBalance.account' })}</th>
          <th scope="col" className="text-end">{intl.formatMessage({ id: 'trialBalance.debit' })}</th>
          <th scope="col" className="text-end">{intl.formatMessage({ id: 'trialBalance.credit' })}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={index}>
            <td className="text-start"><span dir="ltr">{line.account}</span></td>
            {(['DEBIT', 'CREDIT'] as const).map((side) => (
              <td key={side} className="text-end tabular-nums">
                {line.side === side ? formatMinor(line.amount_minor, line.currency, intl.locale) : ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
