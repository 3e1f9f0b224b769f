import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { outcome, type Scope } from '@travobooks/client';
import { useClient, useSession } from '../session';
import { useKeyedChange } from '../intent';
import { Field } from '../components/Field';
import { KeyRow, NewKeyOutcome, ScopePicker } from '../components/Keys';
import { Failure } from '../components/Failure';
import { DANGER, PRIMARY } from '../components/styles';

const WHEN = { dateStyle: 'medium', timeStyle: 'short' } as const;

/** The signed-in person's own account: where they are signed in, and the tokens their scripts use. */
export function Account() {
  const intl = useIntl();
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-6">
      <h1 id="page-title" className="text-2xl font-semibold">{intl.formatMessage({ id: 'account.title' })}</h1>
      <Sessions />
      <Tokens />
    </section>
  );
}

function Sessions() {
  const intl = useIntl();
  const client = useClient();
  const { signOut } = useSession();
  const queries = useQueryClient();
  const sessions = useQuery({ queryKey: ['my-sessions'], queryFn: () => client.people.listMySessions() });
  const end = useMutation({
    mutationFn: (sessionId: string) => client.people.endMySession({ sessionId }),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['my-sessions'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="sessions-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="sessions-title" className="text-lg font-semibold">{label('account.sessions')}</h2>
      <p className="text-sm">{label('account.sessionsIntro')}</p>
      <Failure error={sessions.error ?? end.error} />
      <ul className="flex flex-col gap-2">
        {sessions.data?.items.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-2 text-sm"
            data-testid={session.current ? 'session-current' : 'session-other'}>
            <span className="me-auto">
              {intl.formatMessage({ id: 'account.openedAt' }, { at: intl.formatDate(session.opened_at, WHEN),
                until: intl.formatDate(session.ends_by, WHEN) })}
            </span>
            {session.current ? (
              <>
                <span className="rounded bg-teal-100 px-2">{label('account.thisBrowser')}</span>
                <button type="button" className={DANGER} onClick={() => void signOut()}>{label('nav.signOut')}</button>
              </>
            ) : (
              <button type="button" className={DANGER} disabled={end.isPending} onClick={() => end.mutate(session.id)}
                aria-label={intl.formatMessage({ id: 'account.endOf' },
                  { at: intl.formatDate(session.opened_at, WHEN) })}>
                {label('account.end')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Tokens() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const tokens = useQuery({ queryKey: ['my-tokens'], queryFn: () => client.people.listMyTokens() });
  // A token has some of the person's own scopes: those the server says this session holds.
  const whoami = useQuery({ queryKey: ['whoami'], queryFn: () => client.meta.whoAmI() });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set());
  const { mutation: create, intent } = useKeyedChange(client, (idempotencyKey) =>
    outcome(client.people.createMyTokenRaw({ idempotencyKey, newPersonalToken: { name, scopes } })), () => {
    setName('');
    setScopes(new Set());
    void queries.invalidateQueries({ queryKey: ['my-tokens'] });
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => client.people.revokeMyToken({ keyId }),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['my-tokens'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  const ready = name.trim() !== '' && scopes.size > 0;
  return (
    <section aria-labelledby="tokens-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="tokens-title" className="text-lg font-semibold">{label('account.tokens')}</h2>
      <p className="text-sm">{label('account.tokensIntro')}</p>
      <Failure error={tokens.error ?? whoami.error} />
      {tokens.data?.items.length === 0 && <p className="text-sm">{label('account.noTokens')}</p>}
      <ul className="flex flex-col gap-2">
        {tokens.data?.items.map((token) => (
          <KeyRow key={token.id} apiKey={token} revoking={revoke.isPending} onRevoke={() => revoke.mutate(token.id)} />
        ))}
      </ul>
      <form className="flex flex-col gap-3"
        onSubmit={(event) => { event.preventDefault(); if (ready) create.mutate(); }}>
        <h3 className="font-semibold">{label('account.newToken')}</h3>
        <Field id="token-name" label={label('settings.keyName')} value={name}
          onChange={(event) => { intent.forget(); setName(event.target.value); }} />
        <ScopePicker offered={[...(whoami.data?.scopes ?? [])].sort()} chosen={scopes}
          onChange={(next) => { intent.forget(); setScopes(next); }} />
        <button type="submit" disabled={!ready || create.isPending} className={`self-start ${PRIMARY}`}>
          {label('account.createToken')}
        </button>
      </form>
      <NewKeyOutcome answer={create.data} />
      <Failure error={create.error ?? revoke.error} />
    </section>
  );
}
