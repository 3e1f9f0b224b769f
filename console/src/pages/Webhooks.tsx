import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { DeliveryStatus, outcome, type WebhookDelivery, type WebhookEndpoint } from '@travobooks/client';
import { useClient } from '../session';
import { useIntent, useKeyedChange } from '../intent';
import { DANGER, INPUT, PRIMARY, SECONDARY } from '../components/styles';
import { Failure } from '../components/Failure';

const WHEN = { dateStyle: 'medium', timeStyle: 'short' } as const;
/** A rotation whose answer was a replay: the secret went out in an answer that never arrived. */
const LOST = '';

/**
 * The tenant's webhook endpoints (register, with the signing secret shown once; rotate; disable and enable) and the
 * deliveries to them: their status, each attempt, and a replay; with the share of deliveries that succeeded.
 */
export function Webhooks() {
  const intl = useIntl();
  const client = useClient();
  const endpoints = useQuery({
    queryKey: ['webhook-endpoints'],
    queryFn: () => client.webhooks.listWebhookEndpoints({ limit: 200 }),
  });
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-6">
      <h1 id="page-title" className="text-2xl font-semibold">{intl.formatMessage({ id: 'webhooks.title' })}</h1>
      <Register />
      <Failure error={endpoints.error} />
      {endpoints.data?.items.length === 0 && <p>{intl.formatMessage({ id: 'webhooks.none' })}</p>}
      <ul className="flex flex-col gap-3">
        {endpoints.data?.items.map((endpoint) => <Endpoint key={endpoint.id} endpoint={endpoint} />)}
      </ul>
      <Deliveries />
    </section>
  );
}

/** The secret a registration or a rotation made: shown here once, never again. */
function SecretOnce({ secret }: { secret: string }) {
  const intl = useIntl();
  return (
    <p role="status" className="rounded bg-amber-50 p-3 text-sm">
      {intl.formatMessage({ id: 'webhooks.secretOnce' })}{' '}
      <code dir="ltr" data-testid="webhook-secret" className="break-all">{secret}</code>
    </p>
  );
}

function Register() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [id, setId] = useState('');
  const [url, setUrl] = useState('');
  const [types, setTypes] = useState('');
  const eventTypes = types.split(',').map((type) => type.trim()).filter((type) => type !== '');
  const { mutation: register, intent } = useKeyedChange(client, (idempotencyKey) =>
    outcome(client.webhooks.registerWebhookEndpointRaw({
      idempotencyKey,
      newWebhookEndpoint: {
        id, url, ...(eventTypes.length > 0 ? { event_types: new Set(eventTypes) } : {}),
      },
    })), () => void queries.invalidateQueries({ queryKey: ['webhook-endpoints'] }));
  const label = (key: string) => intl.formatMessage({ id: key });
  return (
    <form className="flex flex-col gap-3 rounded bg-white p-4 shadow"
      onSubmit={(event) => { event.preventDefault(); register.mutate(); }}>
      <h2 className="text-lg font-semibold">{label('webhooks.register')}</h2>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">{label('webhooks.id')}
          <input value={id} dir="ltr" required maxLength={64} className={INPUT}
            onChange={(event) => { setId(event.target.value.trim()); intent.forget(); }} />
        </label>
        <label className="flex grow flex-col text-sm">{label('webhooks.url')}
          <input type="url" value={url} dir="ltr" required className={INPUT}
            onChange={(event) => { setUrl(event.target.value.trim()); intent.forget(); }} />
        </label>
        <label className="flex grow flex-col text-sm">{label('webhooks.eventTypes')}
          <input value={types} dir="ltr" placeholder="booking.issued, booking.refunded" className={INPUT}
            onChange={(event) => { setTypes(event.target.value); intent.forget(); }} />
        </label>
        <button type="submit" disabled={id === '' || url === '' || register.isPending} className={PRIMARY}>
          {label('webhooks.registerButton')}
        </button>
      </div>
      {register.data?.held && <p role="status">{label('webhooks.held')}</p>}
      {register.data && !register.data.held && (register.data.value.secret
        ? <SecretOnce secret={register.data.value.secret} />
        : <p role="alert">{label('webhooks.secretLost')}</p>)}
      <Failure error={register.error} />
    </form>
  );
}

function Endpoint({ endpoint }: { endpoint: WebhookEndpoint }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const intent = useIntent();
  const act = useMutation({
    mutationFn: async (action: 'disable' | 'enable' | 'rotate') => {
      const endpointId = endpoint.id;
      if (action === 'disable') {
        await client.webhooks.disableWebhookEndpoint({ endpointId, reason: { reason } });
      } else if (action === 'enable') {
        await client.webhooks.enableWebhookEndpoint({ endpointId });
      } else {
        const rotated = await client.keyed((idempotencyKey) => client.webhooks.rotateWebhookSecret({
          idempotencyKey, endpointId }), intent.key());
        setSecret(rotated.secret ?? LOST);
      }
    },
    onError: intent.failed,
    onSuccess: () => {
      intent.forget();
      void queries.invalidateQueries({ queryKey: ['webhook-endpoints'] });
    },
  });
  const label = (key: string) => intl.formatMessage({ id: key });
  return (
    <li className="flex flex-col gap-2 rounded bg-white p-4 shadow" data-testid={`endpoint-${endpoint.id}`}>
      <div className="flex flex-wrap gap-3">
        <span dir="ltr" className="font-mono">{endpoint.id}</span>
        <span dir="ltr" className="me-auto break-all">{endpoint.url}</span>
        <span>{label(endpoint.enabled ? 'webhooks.enabled' : 'webhooks.disabled')}</span>
      </div>
      <p className="text-sm" dir="ltr">{endpoint.event_types.join(', ') || '*'}</p>
      {endpoint.disabled_reason && <p className="text-sm">{endpoint.disabled_reason}</p>}
      {endpoint.failing_since && (
        <p className="text-sm text-red-900">
          {intl.formatMessage({ id: 'webhooks.failingSince' }, { at: intl.formatDate(endpoint.failing_since, WHEN) })}
        </p>
      )}
      {secret === LOST && <p role="alert">{label('webhooks.secretLost')}</p>}
      {secret && secret !== LOST && <SecretOnce secret={secret} />}
      <Failure error={act.error} />
      <div className="flex flex-wrap items-end gap-2">
        <button type="button" className={SECONDARY} disabled={act.isPending} onClick={() => act.mutate('rotate')}>
          {label('webhooks.rotate')}
        </button>
        {endpoint.enabled ? (
          <>
            <label className="flex flex-col text-sm">{label('webhooks.reason')}
              <input value={reason} maxLength={200} onChange={(event) => setReason(event.target.value)}
                className={INPUT} />
            </label>
            <button type="button" className={DANGER} disabled={reason.trim() === '' || act.isPending}
              onClick={() => act.mutate('disable')}>{label('webhooks.disable')}</button>
          </>
        ) : (
          <button type="button" className={SECONDARY} disabled={act.isPending} onClick={() => act.mutate('enable')}>
            {label('webhooks.enable')}
          </button>
        )}
      </div>
    </li>
  );
}

function Deliveries() {
  const intl = useIntl();
  const client = useClient();
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', status],
    queryFn: () => client.webhooks.listWebhookDeliveries({ limit: 200, ...(status ? { status } : {}) }),
  });
  const items = deliveries.data?.items ?? [];
  const done = items.filter((delivery) => delivery.status !== 'PENDING');
  const succeeded = done.filter((delivery) => delivery.status === 'SUCCEEDED').length;
  const label = (key: string) => intl.formatMessage({ id: key });
  return (
    <section aria-labelledby="deliveries-title" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end gap-4">
        <h2 id="deliveries-title" className="me-auto text-lg font-semibold">{label('webhooks.deliveries')}</h2>
        <label className="flex flex-col text-sm">{label('inbox.status')}
          <select value={status} className={INPUT}
            onChange={(event) => setStatus(event.target.value as DeliveryStatus)}>
            <option value="">{label('bookings.anyStatus')}</option>
            {Object.values(DeliveryStatus).map((value) => (
              <option key={value} value={value}>{label(`delivery.${value}`)}</option>
            ))}
          </select>
        </label>
      </div>
      {status === '' && done.length > 0 && (
        <p data-testid="success-rate">
          {intl.formatMessage({ id: 'webhooks.successRate' }, {
            rate: intl.formatNumber(succeeded / done.length, { style: 'percent' }), count: done.length,
          })}
        </p>
      )}
      {deliveries.isSuccess && items.length === 0 && <p>{label('webhooks.noDeliveries')}</p>}
      <ul className="flex flex-col gap-2">
        {items.map((delivery) => <Delivery key={delivery.id} delivery={delivery} />)}
      </ul>
    </section>
  );
}

function Delivery({ delivery }: { delivery: WebhookDelivery }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const detail = useQuery({
    queryKey: ['webhook-delivery', delivery.id],
    queryFn: () => client.webhooks.getWebhookDelivery({ deliveryId: delivery.id }),
    enabled: open,
  });
  const { mutation: replay } = useKeyedChange(client, (idempotencyKey) =>
    client.webhooks.replayWebhookDelivery({ idempotencyKey, deliveryId: delivery.id }),
  () => {
    void queries.invalidateQueries({ queryKey: ['webhook-deliveries'] });
    void queries.invalidateQueries({ queryKey: ['webhook-delivery', delivery.id] });
  });
  const label = (key: string) => intl.formatMessage({ id: key });
  return (
    <li className="rounded bg-white p-3 shadow">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span dir="ltr">{delivery.event_type}</span>
        <span dir="ltr" className="font-mono">{delivery.endpoint_id}</span>
        <span className="me-auto">{label(`delivery.${delivery.status}`)}</span>
        <span>{intl.formatMessage({ id: 'webhooks.attempts' }, { count: delivery.attempts })}</span>
        <button type="button" className={SECONDARY} aria-expanded={open} onClick={() => setOpen(!open)}>
          {label('webhooks.details')}
        </button>
        {delivery.status === 'DEAD' && (
          <button type="button" className={SECONDARY} disabled={replay.isPending} onClick={() => replay.mutate()}>
            {label('webhooks.replay')}
          </button>
        )}
      </div>
      <Failure error={replay.error} />
      {open && detail.data && (
        <ol className="mt-2 flex flex-col gap-1 text-sm">
          {detail.data.attempts.map((attempt) => (
            <li key={attempt.number} dir="ltr">
              #{attempt.number} {intl.formatDate(attempt.at, WHEN)} · {attempt.status_code ?? '—'}
              {' · '}{attempt.took_ms} ms · {attempt.detail}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
