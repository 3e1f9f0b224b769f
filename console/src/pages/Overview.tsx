import { useState } from 'react';
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import type { DailyActivity } from '@travobooks/client';
import { useIntl } from 'react-intl';
import { useClient } from '../session';
import { formatMinor, isCurrency } from '../money';
import { formatDay, localDay, localDays } from '../dates';
import { deliveriesByDay, REFUNDS, SALES } from '../overview';
import { BarChart } from '../components/BarChart';
import { Failure } from '../components/Failure';
import { INPUT } from '../components/styles';

const DAYS = 30;

/** What people would rather look at than read: sales and refunds, what BSP is owed and when, webhook health. */
export function Overview() {
  const intl = useIntl();
  const client = useClient();
  // The tenant's currency when this person may read the tenant; otherwise they name one.
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => client.admin.getTenant(), retry: false });
  const [typed, setTyped] = useState<string | null>(null);
  const fallback = tenant.data?.functional_currency ?? 'BDT';
  // What the person typed counts once it is a currency; until then the charts stay in the tenant's.
  const currency = typed !== null && isCurrency(typed) ? typed : fallback;
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">
          {intl.formatMessage({ id: 'overview.title' })}
        </h1>
        <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'journal.currency' })}
          <input value={typed ?? fallback} dir="ltr" maxLength={3} className={`${INPUT} w-20`}
            aria-invalid={(typed !== null && !isCurrency(typed)) || undefined}
            onChange={(event) => setTyped(event.target.value.trim().toUpperCase())} />
        </label>
      </div>
      <SalesAndRefunds currency={currency} />
      <BspPeriods currency={currency} />
      <WebhookHealth />
    </section>
  );
}

function SalesAndRefunds({ currency }: { currency: string }) {
  const intl = useIntl();
  const client = useClient();
  const from = localDay(-(DAYS - 1));
  const to = localDay();
  const [sales, refunds] = useQueries({
    queries: [SALES.account, REFUNDS.account].map((code) => ({
      queryKey: ['daily-activity', code, currency, from, to],
      queryFn: () => client.reports.getDailyActivity({ code, currency, from, to }),
    })),
  }) as [UseQueryResult<DailyActivity>, UseQueryResult<DailyActivity>];
  if (sales.error || refunds.error) {
    return <Failure error={sales.error ?? refunds.error} />;
  }
  if (!sales.data || !refunds.data) {
    return <p>{intl.formatMessage({ id: 'common.loading' })}</p>;
  }
  return (
    <BarChart title={intl.formatMessage({ id: 'overview.salesTitle' }, { days: DAYS })}
      labels={sales.data.days.map((day) => formatDay(day.date, intl.locale, true))}
      series={[
        { label: intl.formatMessage({ id: 'overview.sales' }), fill: 'fill-teal-700',
          values: sales.data.days.map((day) => day.debit_minor) },
        { label: intl.formatMessage({ id: 'overview.refunds' }), fill: 'fill-amber-600',
          values: refunds.data.days.map((day) => day.credit_minor) },
      ]}
      format={(minor) => formatMinor(minor, currency, intl.locale)} />
  );
}

function BspPeriods({ currency }: { currency: string }) {
  const intl = useIntl();
  const client = useClient();
  const today = localDay();
  const periods = useQuery({
    queryKey: ['billing-periods', currency, today],
    queryFn: () => client.moneyEvents.listBillingPeriods({ currency, from: localDay(-45), to: today }),
  });
  if (periods.error) {
    return <Failure error={periods.error} />;
  }
  if (!periods.data) {
    return <p>{intl.formatMessage({ id: 'common.loading' })}</p>;
  }
  const items = periods.data.items;
  return (
    <BarChart title={intl.formatMessage({ id: 'overview.bspTitle' })}
      labels={items.map((period) => period.billing_period)}
      series={[{ label: intl.formatMessage({ id: 'overview.bspOwed' }), fill: 'fill-sky-700',
        values: items.map((period) => period.due.amount_minor) }]}
      notes={items.map((period) => {
        if (!period.remittance_due) return { text: intl.formatMessage({ id: 'overview.noDueDate' }), alert: false };
        const overdue = period.due.amount_minor > 0 && period.remittance_due < today;
        return {
          text: intl.formatMessage({ id: overdue ? 'overview.overdue' : 'overview.dueBy' },
            { day: formatDay(period.remittance_due, intl.locale) }),
          alert: overdue,
        };
      })}
      format={(minor) => formatMinor(minor, currency, intl.locale)} />
  );
}

function WebhookHealth() {
  const intl = useIntl();
  const client = useClient();
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', ''],
    queryFn: () => client.webhooks.listWebhookDeliveries({ limit: 200 }),
  });
  if (deliveries.error) {
    return <Failure error={deliveries.error} />;
  }
  if (!deliveries.data) {
    return <p>{intl.formatMessage({ id: 'common.loading' })}</p>;
  }
  const days = localDays(-13, 0);
  const { succeeded, dead } = deliveriesByDay(deliveries.data.items, days);
  return (
    <BarChart title={intl.formatMessage({ id: 'overview.webhooksTitle' }, { count: deliveries.data.items.length })}
      labels={days.map((day) => formatDay(day, intl.locale, true))}
      series={[
        { label: intl.formatMessage({ id: 'delivery.SUCCEEDED' }), fill: 'fill-teal-700', values: succeeded },
        { label: intl.formatMessage({ id: 'delivery.DEAD' }), fill: 'fill-red-700', values: dead },
      ]}
      format={(count) => intl.formatNumber(count)} />
  );
}
