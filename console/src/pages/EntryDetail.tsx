import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link, useNavigate, useParams } from 'react-router';
import { outcome, type JournalEntry } from '@travobooks/client';
import { useClient } from '../session';
import { useKeyedChange } from '../intent';
import { ledgerChanged } from '../ledger';
import { formatDay, localDay } from '../dates';
import { LinesTable } from '../components/LinesTable';
import { DayField } from '../components/DayField';
import { Failure } from '../components/Failure';
import { DANGER } from '../components/styles';

// The kinds the ledger reverses: a closing entry or a reservation is undone otherwise.
const REVERSIBLE = new Set<JournalEntry['kind']>(['STANDARD', 'POST_PENDING']);

/** One journal entry: what it records, the entry it answers and the one that answers it, and its reversal. */
export function EntryDetail() {
  const intl = useIntl();
  const client = useClient();
  const { entryId = '' } = useParams();
  const entry = useQuery({
    queryKey: ['journal', 'entry', entryId],
    queryFn: () => client.journal.getJournalEntry({ entryId }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  const data = entry.data;
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {intl.formatMessage({ id: 'entry.title' }, { id: entryId })}
      </h1>
      {entry.isPending && <p>{label('common.loading')}</p>}
      <Failure error={entry.error} />
      {data && (
        <div className="flex flex-col gap-3 rounded bg-white p-4 shadow">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="font-medium">{label('entry.kind')}</dt>
            <dd>{label(`entryKind.${data.kind}`)}</dd>
            <dt className="font-medium">{label('journal.date')}</dt>
            <dd>{formatDay(data.effective_date, intl.locale)}</dd>
            <dt className="font-medium">{label('entry.postedAt')}</dt>
            <dd>{intl.formatDate(data.posted_at, { dateStyle: 'medium', timeStyle: 'short' })}</dd>
            <dt className="font-medium">{label('journal.description')}</dt>
            <dd>{data.description}</dd>
            {data.external_ref && <>
              <dt className="font-medium">{label('entry.externalRef')}</dt>
              <dd dir="ltr" className="font-mono">{data.external_ref}</dd>
            </>}
            <dt className="font-medium">{label('entry.actor')}</dt>
            <dd dir="ltr">{data.actor}</dd>
            {data.reference && <>
              <dt className="font-medium">{label('entry.answers')}</dt>
              <dd><EntryLink id={data.reference} /></dd>
            </>}
            {data.referenced_by && <>
              <dt className="font-medium">{label('entry.answeredBy')}</dt>
              <dd data-testid="answered-by"><EntryLink id={data.referenced_by} /></dd>
            </>}
          </dl>
          <LinesTable lines={data.lines} />
        </div>
      )}
      {/* Sent only on what the server says now: a reversal made elsewhere may be on its way. */}
      {data && REVERSIBLE.has(data.kind) && !data.referenced_by && <Reverse entry={data} busy={entry.isFetching} />}
    </section>
  );
}

function EntryLink({ id }: { id: string }) {
  return <Link to={`/ledger/journal/${encodeURIComponent(id)}`} dir="ltr" className="font-mono text-teal-900 underline">
    {id}
  </Link>;
}

/** Posting the reversal of an entry under an id of its own, or holding it for a second person. */
function Reverse({ entry, busy }: { entry: JournalEntry; busy: boolean }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [date, setDate] = useState(() => localDay());
  const [held, setHeld] = useState(false);
  // The reversal's id follows from its key: asking again after a lost answer names the same reversal.
  const { mutation: reverse, intent } = useKeyedChange(client, (idempotencyKey) =>
    outcome(client.journal.reverseJournalEntryRaw({
      idempotencyKey, entryId: entry.id,
      reversal: { id: `reversal-${idempotencyKey}`, effective_date: date,
        description: intl.formatMessage({ id: 'entry.reversalOf' }, { id: entry.id }) },
    })), (answer) => {
    ledgerChanged(queries);
    if (answer.held) {
      setHeld(true);
    } else {
      navigate(`/ledger/journal/${encodeURIComponent(answer.value.entry_id)}`);
    }
  });
  // The reversal's description is in the person's language: another language is another request.
  useEffect(() => intent.forget(), [date, intl.locale, intent]);
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="reverse-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="reverse-title" className="text-lg font-semibold">{label('entry.reverse')}</h2>
      <p className="text-sm">{label('entry.reverseIntro')}</p>
      <form className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => { event.preventDefault(); reverse.mutate(); }}>
        <DayField label={label('journal.date')} value={date} onChange={setDate} />
        <button type="submit" className={DANGER} disabled={reverse.isPending || busy || held || date === ''}>
          {label('entry.reverseSubmit')}
        </button>
      </form>
      {held && <p role="status">{label('entry.held')}</p>}
      <Failure error={reverse.error} />
    </section>
  );
}
