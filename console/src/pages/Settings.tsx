import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { outcome, Scope, type Mandate, type User } from '@travobooks/client';
import { useClient, useSession } from '../session';
import { describe } from '../problems';
import { useKeyedChange } from '../intent';
import { roleLabel } from '../i18n/labels';
import { isCurrency, parseMinor } from '../money';
import { Field } from '../components/Field';
import { DANGER, INPUT, PRIMARY, SECONDARY } from '../components/styles';
import { Failure } from '../components/Failure';
import { TemplatePreviews } from './TemplatePreviews';
import { Roles } from './Roles';
import { KeyRow, NewKeyOutcome, ScopePicker } from '../components/Keys';

/**
 * The tenant's people, its roles (its own made here); its API keys, those of scripts and those of AI agents with
 * mandates; and what its notifications say in each language.
 */
export function Settings() {
  const intl = useIntl();
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-6">
      <h1 id="page-title" className="text-2xl font-semibold">{intl.formatMessage({ id: 'settings.title' })}</h1>
      <People />
      <Roles />
      <Keys />
      <TemplatePreviews />
    </section>
  );
}

function People() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: () => client.people.listUsers({ limit: 200 }) });
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => client.people.listRoles({ limit: 200 }) });
  const [draft, setDraft] = useState({ email: '', name: '', role: 'viewer', password: '' });
  const { mutation: add, intent } = useKeyedChange(client,
    (idempotencyKey) => client.people.createUser({ idempotencyKey, newUser: draft }), () => {
      setDraft({ email: '', name: '', role: 'viewer', password: '' });
      void queries.invalidateQueries({ queryKey: ['users'] });
    });
  const edit = (change: Partial<typeof draft>) => {
    intent.forget();
    setDraft({ ...draft, ...change });
  };
  const label = (id: string) => intl.formatMessage({ id });
  const roleNames = roles.data?.items.map((role) => role.name) ?? ['viewer'];
  return (
    <section aria-labelledby="people-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="people-title" className="text-lg font-semibold">{label('settings.people')}</h2>
      <Failure error={users.error ?? roles.error} />
      <table className="w-full text-sm">
        <thead>
          <tr>
            <th scope="col" className="text-start">{label('settings.name')}</th>
            <th scope="col" className="text-start">{label('signIn.email')}</th>
            <th scope="col" className="text-start">{label('settings.role')}</th>
            <th scope="col" className="text-start">{label('settings.secondFactor')}</th>
            <th scope="col"><span className="sr-only">{label('settings.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.data?.items.map((user) => <Person key={user.id} user={user} roles={roleNames} />)}
        </tbody>
      </table>
      <form className="flex flex-wrap items-end gap-3" onSubmit={(event) => { event.preventDefault(); add.mutate(); }}>
        <Field id="new-user-name" label={label('settings.name')} value={draft.name}
          onChange={(event) => edit({ name: event.target.value })} />
        <Field id="new-user-email" type="email" label={label('signIn.email')} value={draft.email}
          onChange={(event) => edit({ email: event.target.value.trim() })} />
        <label className="flex flex-col text-sm">{label('settings.role')}
          <select value={draft.role} className={INPUT} onChange={(event) => edit({ role: event.target.value })}>
            {roleNames.map((role) => <option key={role} value={role}>{roleLabel(intl, role)}</option>)}
          </select>
        </label>
        <Field id="new-user-password" type="password" autoComplete="new-password"
          label={label('settings.password')} value={draft.password}
          onChange={(event) => edit({ password: event.target.value })} />
        <button type="submit" className={PRIMARY} disabled={add.isPending || !draft.email || !draft.password}>
          {label('settings.addPerson')}
        </button>
      </form>
      <Failure error={add.error} />
    </section>
  );
}

function Person({ user, roles }: { user: User; roles: readonly string[] }) {
  const intl = useIntl();
  const { session } = useSession();
  const self = session?.user.id === user.id; // the server refuses changing one's own role or disabling oneself
  const client = useClient();
  const queries = useQueryClient();
  const act = useMutation({
    mutationFn: async (change: { role: string } | 'disable' | 'enable') => {
      const userId = user.id;
      if (change === 'disable') {
        await client.people.disableUser({ userId });
      } else if (change === 'enable') {
        await client.people.enableUser({ userId });
      } else {
        await client.people.setUserRole({ userId, roleChange: change });
      }
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: ['users'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <tr className="border-t border-slate-200" data-testid={`user-${user.email}`}>
      <td>{user.name}</td>
      <td><span dir="ltr">{user.email}</span></td>
      <td>
        <select value={user.role} className={INPUT} disabled={act.isPending || self}
          aria-label={intl.formatMessage({ id: 'settings.roleOf' }, { name: user.name })}
          onChange={(event) => act.mutate({ role: event.target.value })}>
          {(roles.includes(user.role) ? roles : [...roles, user.role]).map((role) => (
            <option key={role} value={role}>{roleLabel(intl, role)}</option>
          ))}
        </select>
      </td>
      <td>{label(user.mfa_enrolled ? 'settings.yes' : 'settings.no')}</td>
      <td className="text-end">
        {act.isError && <span role="alert" className="me-2 text-red-900">{describe(act.error)}</span>}
        {user.disabled_at ? (
          <button type="button" className={SECONDARY} disabled={act.isPending} onClick={() => act.mutate('enable')}>
            {label('webhooks.enable')}
          </button>
        ) : (
          <button type="button" className={DANGER} disabled={act.isPending || self}
            onClick={() => act.mutate('disable')}>
            {label('webhooks.disable')}
          </button>
        )}
      </td>
    </tr>
  );
}

const MANDATE_FIELDS = [
  ['perBooking', 'settings.perBooking'], ['perDay', 'settings.perDay'], ['total', 'settings.total'],
  ['approvalAbove', 'settings.approvalAbove'],
] as const;
type MandateField = (typeof MANDATE_FIELDS)[number][0];

function Keys() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const keys = useQuery({ queryKey: ['api-keys'], queryFn: () => client.admin.listApiKeys({ limit: 200 }) });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set([Scope.BookingsRead]));
  const [agent, setAgent] = useState(false);
  // A mandate is in the tenant's currency: the server refuses any other.
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => client.admin.getTenant() });
  const [typedCurrency, setCurrency] = useState('');
  const currency = typedCurrency || tenant.data?.functional_currency || '';
  const [limits, setLimits] = useState<Record<MandateField, string>>(
    { perBooking: '', perDay: '', total: '', approvalAbove: '' });
  const mandate = (): Mandate | null => {
    const minor = (text: string) => parseMinor(text, currency);
    const [perBooking, perDay, total] = [minor(limits.perBooking), minor(limits.perDay), minor(limits.total)];
    if (!isCurrency(currency) || perBooking === null || perDay === null || total === null) {
      return null;
    }
    const above = limits.approvalAbove.trim() === '' ? undefined : parseMinor(limits.approvalAbove, currency, true);
    if (above === null) {
      return null; // typed and not an amount: never a key without the threshold the person meant
    }
    return { currency, per_booking_minor: perBooking, per_day_minor: perDay, total_minor: total,
      ...(above === undefined ? {} : { approval_above_minor: above }) };
  };
  const { mutation: create, intent } = useKeyedChange(client, (idempotencyKey) =>
    outcome(client.admin.createApiKeyRaw({
      idempotencyKey, newApiKey: { name, scopes, ...(agent ? { mandate: mandate()! } : {}) },
    })), () => {
    setName('');
    setAgent(false);
    setLimits({ perBooking: '', perDay: '', total: '', approvalAbove: '' });
    void queries.invalidateQueries({ queryKey: ['api-keys'] });
  });
  const revoke = useMutation({
    mutationFn: (keyId: string) => client.admin.revokeApiKey({ keyId }),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['api-keys'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  const ready = name.trim() !== '' && scopes.size > 0 && (!agent || mandate() !== null);
  return (
    <section aria-labelledby="keys-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="keys-title" className="text-lg font-semibold">{label('settings.keys')}</h2>
      <Failure error={keys.error} />
      <ul className="flex flex-col gap-2">
        {keys.data?.items.map((key) => (
          <KeyRow key={key.id} apiKey={key} revoking={revoke.isPending} onRevoke={() => revoke.mutate(key.id)} />
        ))}
      </ul>
      <form className="flex flex-col gap-3"
        onSubmit={(event) => { event.preventDefault(); if (ready) create.mutate(); }}>
        <h3 className="font-semibold">{label('settings.newKey')}</h3>
        <Field id="key-name" label={label('settings.keyName')} value={name}
          onChange={(event) => { intent.forget(); setName(event.target.value); }} />
        <ScopePicker offered={Object.values(Scope).filter((scope) => scope !== 'tenants:admin')} chosen={scopes}
          onChange={(next) => { intent.forget(); setScopes(next); }} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={agent}
            onChange={(event) => { intent.forget(); setAgent(event.target.checked); }} />
          {label('settings.agentKey')}
        </label>
        {agent && (
          <fieldset className="flex flex-wrap items-end gap-3">
            <legend className="text-sm font-medium">{label('settings.mandate')}</legend>
            <label className="flex flex-col text-sm">{label('journal.currency')}
              <input value={currency} maxLength={3} dir="ltr" aria-invalid={!isCurrency(currency) || undefined}
                onChange={(event) => { intent.forget(); setCurrency(event.target.value.trim().toUpperCase()); }}
                className={`${INPUT} w-20`} />
            </label>
            {MANDATE_FIELDS.map(([field, text]) => (
              <label key={field} className="flex flex-col text-sm">{label(text)}
                <input inputMode="decimal" dir="ltr" value={limits[field]} className={INPUT}
                  aria-invalid={(limits[field] !== '' && parseMinor(limits[field], currency,
                    field === 'approvalAbove') === null) || undefined}
                  onChange={(event) => { intent.forget(); setLimits({ ...limits, [field]: event.target.value }); }} />
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" disabled={!ready || create.isPending} className={`self-start ${PRIMARY}`}>
          {label('settings.createKey')}
        </button>
      </form>
      <NewKeyOutcome answer={create.data} />
      <Failure error={create.error ?? revoke.error} />
    </section>
  );
}
