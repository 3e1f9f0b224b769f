import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { JournalEntry } from '@travobooks/client';
import { formatDay } from '../dates';
import { LinesTable } from './LinesTable';

/** A journal entry in a list: its id (to its own page), day, description, kind, and its lines. */
export function EntryCard({ entry }: { entry: JournalEntry }) {
  const intl = useIntl();
  return (
    <li className="rounded bg-white p-3 shadow" data-testid={`entry-${entry.id}`}>
      <div className="flex flex-wrap gap-4 text-sm">
        <Link to={`/ledger/journal/${encodeURIComponent(entry.id)}`} dir="ltr"
          className="font-mono text-teal-900 underline">{entry.id}</Link>
        <span>{formatDay(entry.effective_date, intl.locale)}</span>
        <span className="me-auto">{entry.description}</span>
        {entry.referenced_by && (
          <span className="rounded bg-slate-200 px-2">{intl.formatMessage({ id: 'journal.answered' })}</span>
        )}
        <span>{intl.formatMessage({ id: `entryKind.${entry.kind}` })}</span>
      </div>
      <LinesTable lines={entry.lines} className="mt-2" />
    </li>
  );
}
