import { useIntl } from 'react-intl';
import type { ApiKey, CreatedApiKey, Outcome, Scope } from '@travobooks/client';
import { DANGER } from './styles';

/** Scopes to tick for a new key, of those the person may hand out. */
export function ScopePicker({ offered, chosen, onChange }: {
  offered: readonly Scope[]; chosen: ReadonlySet<Scope>; onChange: (next: Set<Scope>) => void;
}) {
  const intl = useIntl();
  return (
    <fieldset className="flex flex-wrap gap-3">
      <legend className="text-sm font-medium">{intl.formatMessage({ id: 'settings.scopes' })}</legend>
      {offered.map((scope) => (
        <label key={scope} className="flex items-center gap-1 text-sm" dir="ltr">
          <input type="checkbox" checked={chosen.has(scope)} onChange={(event) => {
            const next = new Set(chosen);
            if (event.target.checked) next.add(scope); else next.delete(scope);
            onChange(next);
          }} />
          {scope}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * What asking for a key came to: held for a second person, the key (shown this once), or the news that a retried
 * request's answer came back without it (the first answer, which had it, never arrived).
 */
export function NewKeyOutcome({ answer }: { answer: Outcome<CreatedApiKey> | undefined }) {
  const intl = useIntl();
  if (answer === undefined) {
    return null;
  }
  if (answer.held) {
    return <p role="status">{intl.formatMessage({ id: 'settings.keyHeld' })}</p>;
  }
  if (answer.value.key === undefined) {
    return <p role="alert">{intl.formatMessage({ id: 'settings.keyLost' })}</p>;
  }
  return (
    <p role="status" className="rounded bg-amber-50 p-3 text-sm">
      {intl.formatMessage({ id: 'settings.keyOnce' })}{' '}
      <code dir="ltr" data-testid="new-key" className="break-all">{answer.value.key}</code>
    </p>
  );
}

/** A key with its scopes, and a way to revoke it while it works. */
export function KeyRow({ apiKey, revoking, onRevoke }: { apiKey: ApiKey; revoking: boolean; onRevoke: () => void }) {
  const intl = useIntl();
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <li className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-2 text-sm"
      data-testid={`key-${apiKey.name}`}>
      <span className="font-medium">{apiKey.name}</span>
      <span dir="ltr" className="font-mono">{apiKey.prefix}…</span>
      <span dir="ltr" className="me-auto">{apiKey.scopes.join(' ')}</span>
      {apiKey.mandate && <span>{label('settings.hasMandate')}</span>}
      {apiKey.revoked_at ? (
        <span>{label('settings.revoked')}</span>
      ) : (
        <button type="button" className={DANGER} disabled={revoking} onClick={onRevoke}
          aria-label={intl.formatMessage({ id: 'settings.revokeOf' }, { name: apiKey.name })}>
          {label('settings.revoke')}
        </button>
      )}
    </li>
  );
}
