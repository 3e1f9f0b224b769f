import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { AccountType, type NewAccount } from '@travobooks/client';
import { useClient } from '../session';
import { accountTree, useAccounts, type AccountNode } from '../accounts';
import { useKeyedChange } from '../intent';
import { isCurrency } from '../money';
import { describe } from '../problems';
import { Field } from '../components/Field';
import { DANGER, INPUT, PRIMARY, SECONDARY } from '../components/styles';
import { Failure } from '../components/Failure';

/** The chart of accounts as a tree under each account's parent, filtered by type; opening and closing accounts. */
export function Accounts() {
  const intl = useIntl();
  const client = useClient();
  const accounts = useAccounts(client);
  const [type, setType] = useState<AccountType | ''>('');
  const shown = (accounts.data ?? []).filter((account) => type === '' || account.type === type);
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">{label('accounts.title')}</h1>
        <label className="flex flex-col text-sm">{label('accounts.showType')}
          <select value={type} className={INPUT} onChange={(event) => setType(event.target.value as AccountType | '')}>
            <option value="">{label('accounts.allTypes')}</option>
            {Object.values(AccountType).map((value) => (
              <option key={value} value={value}>{label(`accountType.${value}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {accounts.isPending && <p>{label('common.loading')}</p>}
      <Failure error={accounts.error} />
      <ul className="rounded bg-white p-4 shadow" data-testid="chart">
        {accountTree(shown).map((node) => <AccountBranch key={node.account.code} node={node} depth={0} />)}
      </ul>
      <OpenAccount />
    </section>
  );
}

/** One account and, unless folded, the accounts under it. */
function AccountBranch({ node, depth }: { node: AccountNode; depth: number }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [open, setOpen] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const { account, children } = node;
  const close = useMutation({
    mutationFn: () => client.accounts.closeAccount({ code: account.code }),
    onSuccess: () => setConfirming(false),
    onSettled: () => void queries.invalidateQueries({ queryKey: ['accounts'] }),
  });
  const label = (id: string) => intl.formatMessage({ id });
  const closed = account.status === 'CLOSED';
  const childrenId = `children-${account.code}`;
  return (
    <li data-testid={`account-${account.code}`}>
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 py-1 text-sm">
        <span className={INDENT[Math.min(depth, INDENT.length - 1)]} />
        {children.length > 0 ? (
          <button type="button" aria-expanded={open} aria-controls={childrenId} onClick={() => setOpen(!open)}
            aria-label={intl.formatMessage({ id: open ? 'accounts.fold' : 'accounts.unfold' }, { code: account.code })}
            className="w-6 rounded text-center hover:bg-slate-100">
            {open ? '▾' : '▸'}
          </button>
        ) : <span className="w-6" />}
        <span dir="ltr" className="font-mono">{account.code}</span>
        <span className={closed ? 'text-slate-500 line-through' : ''}>{account.name}</span>
        <span className="text-slate-600">{label(`accountType.${account.type}`)}</span>
        {account.currency && <span dir="ltr" className="text-slate-600">{account.currency}</span>}
        {closed && <span className="rounded bg-slate-200 px-2">{label('accounts.closed')}</span>}
        <span className="me-auto" />
        <Link to={`/ledger/statement?account=${encodeURIComponent(account.code)}`
          + (account.currency ? `&currency=${account.currency}` : '')} className="text-teal-900 underline"
          aria-label={intl.formatMessage({ id: 'accounts.statementOf' }, { code: account.code })}>
          {label('accounts.statement')}
        </Link>
        {!closed && !confirming && (
          <button type="button" className={SECONDARY} onClick={() => setConfirming(true)}
            aria-label={intl.formatMessage({ id: 'accounts.closeOf' }, { code: account.code })}>
            {label('accounts.close')}
          </button>
        )}
        {confirming && (
          <>
            <button type="button" className={DANGER} disabled={close.isPending} onClick={() => close.mutate()}>
              {intl.formatMessage({ id: 'accounts.confirmClose' }, { code: account.code })}
            </button>
            <button type="button" className={SECONDARY} onClick={() => setConfirming(false)}>
              {label('reports.cancel')}
            </button>
          </>
        )}
        {close.isError && <span role="alert" className="text-red-900">{describe(close.error)}</span>}
      </div>
      {open && children.length > 0 && (
        <ul id={childrenId}>
          {children.map((child) => <AccountBranch key={child.account.code} node={child} depth={depth + 1} />)}
        </ul>
      )}
    </li>
  );
}

// Tailwind sees only whole class names, so each depth's indent is written out.
const INDENT = ['', 'ms-8', 'ms-16', 'ms-24', 'ms-32'] as const;

const EMPTY = { code: '', name: '', type: 'ASSET' as AccountType, parent: '', currency: '' };

/** Opening an account under a parent, in one currency or any. */
function OpenAccount() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const accounts = useAccounts(client);
  const [draft, setDraft] = useState(EMPTY);
  const body = (): NewAccount => ({
    code: draft.code, name: draft.name, type: draft.type,
    ...(draft.parent ? { parent: draft.parent } : {}), ...(draft.currency ? { currency: draft.currency } : {}),
  });
  const { mutation: openAccount, intent } = useKeyedChange(client,
    (idempotencyKey) => client.accounts.openAccount({ idempotencyKey, newAccount: body() }), () => {
      setDraft(EMPTY);
      void queries.invalidateQueries({ queryKey: ['accounts'] });
    });
  const edit = (change: Partial<typeof draft>) => {
    intent.forget();
    setDraft({ ...draft, ...change });
  };
  const label = (id: string) => intl.formatMessage({ id });
  const currencyWrong = draft.currency !== '' && !isCurrency(draft.currency);
  return (
    <section aria-labelledby="open-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="open-title" className="text-lg font-semibold">{label('accounts.open')}</h2>
      <form className="flex flex-wrap items-end gap-3" noValidate
        onSubmit={(event) => { event.preventDefault(); openAccount.mutate(); }}>
        <Field id="account-code" label={label('trialBalance.account')} value={draft.code} dir="ltr" maxLength={32}
          onChange={(event) => edit({ code: event.target.value.trim() })} />
        <Field id="account-name" label={label('trialBalance.name')} value={draft.name} maxLength={200}
          onChange={(event) => edit({ name: event.target.value })} />
        <div className="flex flex-col text-sm">
          <label htmlFor="account-type">{label('accounts.type')}</label>
          <select id="account-type" value={draft.type} className={INPUT}
            onChange={(event) => edit({ type: event.target.value as AccountType })}>
            {Object.values(AccountType).map((value) => (
              <option key={value} value={value}>{label(`accountType.${value}`)}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col text-sm">
          <label htmlFor="account-parent">{label('accounts.parent')}</label>
          <select id="account-parent" value={draft.parent} className={INPUT}
            onChange={(event) => edit({ parent: event.target.value })}>
            <option value="">{label('accounts.noParent')}</option>
            {accounts.data?.filter((account) => account.status === 'OPEN').map((account) => (
              <option key={account.code} value={account.code}>{`${account.code} ${account.name}`}</option>
            ))}
          </select>
        </div>
        <Field id="account-currency" label={label('accounts.currency')} value={draft.currency} dir="ltr"
          maxLength={3} error={currencyWrong ? label('accounts.currencyWrong') : undefined}
          onChange={(event) => edit({ currency: event.target.value.trim().toUpperCase() })} />
        <button type="submit" className={PRIMARY}
          disabled={openAccount.isPending || !draft.code || !draft.name.trim() || currencyWrong}>
          {label('accounts.openSubmit')}
        </button>
      </form>
      <Failure error={openAccount.error} />
    </section>
  );
}
