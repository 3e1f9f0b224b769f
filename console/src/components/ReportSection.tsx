import { useIntl } from 'react-intl';
import type { ReportLine } from '@travobooks/client';
import { formatMinor } from '../money';

/**
 * One section of a statement (revenue, assets, ...): each account indented by its depth in the chart, with its own
 * amount and its subtree's total, and the section's total.
 */
export function ReportSection({ title, lines, total, currency }: {
  title: string; lines: readonly ReportLine[]; total: number; currency: string;
}) {
  const intl = useIntl();
  const money = (minor: number) => formatMinor(minor, currency, intl.locale);
  return (
    <table className="w-full text-sm">
      <caption className="p-1 text-start font-semibold">{title}</caption>
      <tbody>
        {lines.map((line) => (
          <tr key={line.account} className="border-t border-slate-100">
            <td className="w-24 text-start"><span dir="ltr">{line.account}</span></td>
            <td style={{ paddingInlineStart: `${line.depth}rem` }}>{line.name}</td>
            <td className="text-end tabular-nums">{money(line.total_minor)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="border-t-2 border-slate-400 font-semibold">
          <th scope="row" colSpan={2} className="text-start">{intl.formatMessage({ id: 'trialBalance.total' })}</th>
          <td className="text-end tabular-nums">{money(total)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
