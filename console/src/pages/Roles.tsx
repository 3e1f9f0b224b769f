import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Scope, type RoleDefinition } from '@travobooks/client';
import { useClient } from '../session';
import { roleLabel } from '../i18n/labels';
import { Field } from '../components/Field';
import { ScopePicker } from '../components/Keys';
import { Failure } from '../components/Failure';
import { DANGER, PRIMARY, SECONDARY } from '../components/styles';

const ROLE_NAME = /^[a-z][a-z0-9-]{1,31}$/;
// A role is for people of the tenant: opening tenants and reading the server's metrics stay the operator's.
const WITHIN_TENANT = Object.values(Scope).filter((scope) => scope !== 'tenants:admin' && scope !== 'metrics:read');

/** The scopes a role made here may have: the tenant's, of those the person making it holds. */
function useGrantable(): Scope[] {
  const client = useClient();
  const whoami = useQuery({ queryKey: ['whoami'], queryFn: () => client.meta.whoAmI() });
  return WITHIN_TENANT.filter((scope) => whoami.data?.scopes.includes(scope));
}

/** The tenant's roles: the six built in, as they are, and its own, made, changed and deleted here. */
export function Roles() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const roles = useQuery({ queryKey: ['roles'], queryFn: () => client.people.listRoles({ limit: 200 }) });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set());
  const grantable = useGrantable();
  const create = useMutation({
    mutationFn: () => client.people.putRole({ role: name, roleScopes: { scopes } }),
    onSuccess: () => {
      setName('');
      setScopes(new Set());
    },
    onSettled: () => void queries.invalidateQueries({ queryKey: ['roles'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  const taken = roles.data?.items.some((role) => role.name === name) ?? false;
  const nameWrong = name !== '' && (!ROLE_NAME.test(name) || taken);
  return (
    <section aria-labelledby="roles-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="roles-title" className="text-lg font-semibold">{label('roles.title')}</h2>
      <Failure error={roles.error} />
      <ul className="flex flex-col gap-2">
        {roles.data?.items.map((role) => <RoleRow key={role.name} role={role} />)}
      </ul>
      <form className="flex flex-col gap-3" noValidate
        onSubmit={(event) => { event.preventDefault(); if (!nameWrong && name !== '') create.mutate(); }}>
        <h3 className="font-semibold">{label('roles.new')}</h3>
        <Field id="role-name" label={label('roles.name')} value={name} dir="ltr" maxLength={32}
          error={nameWrong ? label(taken ? 'roles.nameTaken' : 'roles.nameFormat') : undefined}
          onChange={(event) => setName(event.target.value.trim())} />
        <ScopePicker offered={grantable} chosen={scopes} onChange={setScopes} />
        <button type="submit" className={`self-start ${PRIMARY}`}
          disabled={create.isPending || name === '' || nameWrong}>
          {label('roles.create')}
        </button>
      </form>
      <Failure error={create.error} />
    </section>
  );
}

function RoleRow({ role }: { role: RoleDefinition }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [editing, setEditing] = useState<Set<Scope> | null>(null);
  const grantable = useGrantable();
  const change = useMutation({
    mutationFn: async (to: Set<Scope> | 'delete') => {
      if (to === 'delete') {
        await client.people.deleteRole({ role: role.name });
      } else {
        await client.people.putRole({ role: role.name, roleScopes: { scopes: to } });
      }
    },
    onSuccess: () => setEditing(null),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['roles'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <li className="flex flex-col gap-2 border-t border-slate-200 pt-2 text-sm" data-testid={`role-${role.name}`}>
      <div className="flex flex-wrap items-center gap-3">
        <span className="font-medium">{roleLabel(intl, role.name)}</span>
        {role.built_in && <span className="rounded bg-slate-200 px-2">{label('roles.builtIn')}</span>}
        <span dir="ltr" className="me-auto">{[...role.scopes].sort().join(' ')}</span>
        {!role.built_in && editing === null && (
          <>
            <button type="button" className={SECONDARY} onClick={() => setEditing(new Set(role.scopes))}
              aria-label={intl.formatMessage({ id: 'roles.editOf' }, { role: role.name })}>
              {label('roles.edit')}
            </button>
            <button type="button" className={DANGER} disabled={change.isPending}
              aria-label={intl.formatMessage({ id: 'roles.deleteOf' }, { role: role.name })}
              onClick={() => change.mutate('delete')}>
              {label('roles.delete')}
            </button>
          </>
        )}
      </div>
      {editing !== null && (
        <div className="flex flex-col gap-2 rounded bg-slate-50 p-2">
          <ScopePicker offered={grantable} chosen={editing} onChange={setEditing} />
          <div className="flex gap-2">
            <button type="button" className={PRIMARY} disabled={change.isPending}
              onClick={() => change.mutate(editing)}>
              {label('roles.save')}
            </button>
            <button type="button" className={SECONDARY} onClick={() => setEditing(null)}>
              {label('reports.cancel')}
            </button>
          </div>
        </div>
      )}
      <Failure error={change.error} />
    </li>
  );
}
