import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { Approval } from '@travobooks/client';
import { useClient, useSession } from '../session';
import { PRIMARY, DANGER, INPUT } from '../components/styles';
import { Failure } from '../components/Failure';
import { ApprovalPreview, hasPreview } from '../components/ApprovalPreview';
import { ledgerChanged } from '../ledger';

/**
 * What waits for a second person: each held request with who made it, when it lapses, what it will do as people
 * read it (an entry's lines, what an issue posts) and exactly what runs (its payload, as the maker sent it).
 * Approving runs it under the payload's hash, so what was read is what runs; the maker cannot approve their own.
 */
export function Approvals() {
  const intl = useIntl();
  const client = useClient();
  const pending = useQuery({
    queryKey: ['approvals', 'PENDING'],
    queryFn: () => client.approvals.listApprovals({ status: 'PENDING', limit: 100 }),
  });
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <h1 id="page-title" className="text-2xl font-semibold">{intl.formatMessage({ id: 'approvals.title' })}</h1>
      {pending.isPending && <p>{intl.formatMessage({ id: 'common.loading' })}</p>}
      <Failure error={pending.error} />
      {pending.data?.items.length === 0 && <p>{intl.formatMessage({ id: 'approvals.empty' })}</p>}
      <ul className="flex flex-col gap-4">
        {pending.data?.items.map((approval) => <ApprovalCard key={approval.id} approval={approval} />)}
      </ul>
    </section>
  );
}

function ApprovalCard({ approval }: { approval: Approval }) {
  const intl = useIntl();
  const client = useClient();
  const { session } = useSession();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  // What ran may have posted anything: an entry, a close, a refund.
  const decided = () => ledgerChanged(queries);
  const approve = useMutation({
    mutationFn: () => client.approvals.approveApproval({
      approvalId: approval.id, approveRequest: { payload_hash: approval.payload_hash },
    }),
    onSuccess: decided,
  });
  const reject = useMutation({
    mutationFn: () => client.approvals.rejectApproval({ approvalId: approval.id, rejectRequest: { reason } }),
    onSuccess: decided,
  });
  const own = session !== null && approval.maker === `user:${session.user.id}`;
  const failure = approve.error ?? reject.error;
  return (
    <li className="rounded bg-white p-4 shadow" data-testid={`approval-${approval.id}`}>
      <h2 className="text-lg font-semibold" dir="ltr">{approval.operation}</h2>
      <p className="text-sm">
        {intl.formatMessage({ id: 'approvals.requested' }, {
          maker: approval.maker,
          at: intl.formatDate(approval.requested_at, { dateStyle: 'medium', timeStyle: 'short' }),
          until: intl.formatDate(approval.expires_at, { dateStyle: 'medium', timeStyle: 'short' }),
        })}
      </p>
      <ApprovalPreview approval={approval} />
      <details open={!hasPreview(approval)}>
        <summary className="cursor-pointer text-sm text-teal-900 underline">
          {intl.formatMessage({ id: 'approvals.payload' })}
        </summary>
        <pre dir="ltr" className="my-3 max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs"
          data-testid="payload">
          {JSON.stringify(approval.request, null, 2)}
        </pre>
      </details>
      {own && <p className="mb-2 text-sm">{intl.formatMessage({ id: 'approvals.own' })}</p>}
      <Failure error={failure} className="mb-2 rounded bg-red-50 p-2 text-red-900" />
      <div className="flex flex-wrap items-end gap-3">
        <button type="button" disabled={own || approve.isPending || reject.isPending} onClick={() => approve.mutate()}
          className={PRIMARY}>
          {intl.formatMessage({ id: 'approvals.approve' })}
        </button>
        <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'approvals.reason' })}
          <input value={reason} maxLength={500} onChange={(event) => setReason(event.target.value)}
            className={INPUT} />
        </label>
        <button type="button" disabled={own || reason.trim() === '' || approve.isPending || reject.isPending}
          onClick={() => reject.mutate()}
          className={DANGER}>
          {intl.formatMessage({ id: 'approvals.reject' })}
        </button>
      </div>
    </li>
  );
}
