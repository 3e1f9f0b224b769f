package io.travobooks.server.ledger;

import io.travobooks.ledger.AuditTrail;
import io.travobooks.ledger.Ledger;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Financial reports, period closes and the audit chain. */
final class ReportsApi {
    private final Ledger ledger;
    private final AgencyTime time;

    ReportsApi(Ledger ledger, AgencyTime time) {
        this.ledger = ledger;
        this.time = time;
    }

    Map<String, Handler> handlers() {
        return Map.of(
                "getTrialBalance", call -> Reply.ok(LedgerViews.TrialBalanceView.of(
                        ledger.reports().trialBalance(call.context(), asOf(call)))),
                "getIncomeStatement", call -> Reply.ok(LedgerViews.IncomeStatementView.of(
                        ledger.reports().incomeStatement(call.context(), call.queryDate("from").orElseThrow(),
                                call.queryDate("to").orElseThrow()))),
                "getBalanceSheet", call -> Reply.ok(LedgerViews.BalanceSheetView.of(
                        ledger.reports().balanceSheet(call.context(), asOf(call)))),
                "getPeriods", call -> Reply.ok(new LedgerViews.PeriodsView(
                        ledger.periods().closedThrough(call.context()))),
                "closePeriod", this::closePeriod,
                "closeYear", this::closeYear,
                "verifyAuditChain", this::verify);
    }

    private LocalDate asOf(Call call) {
        return call.queryDate("as_of").orElseGet(time::today);
    }

    private Reply closePeriod(Call call) {
        LedgerRequests.PeriodClose request = call.bodyAs(LedgerRequests.PeriodClose.class);
        LocalDate through = Postings.orThrow(ledger.periods().closeThrough(call.context(), request.through()),
                Set.of());
        return Reply.ok(new LedgerViews.PeriodsView(Optional.of(through)));
    }

    private Reply closeYear(Call call) {
        LedgerRequests.YearEnd request = call.bodyAs(LedgerRequests.YearEnd.class);
        return Postings.reply(Postings.orThrow(ledger.periods().closeYear(call.context(), request.yearEnd(),
                AccountId.of(request.retainedEarnings()), EntryId.of(request.id())), Set.of()), Set.of());
    }

    /** Reads only: the audit-chainer worker extends the chain; entries it has not reached yet count as unchained. */
    private Reply verify(Call call) {
        return Reply.ok(switch (ledger.audit().verify(call.tenant())) {
            case AuditTrail.Verification.Intact intact -> new LedgerViews.AuditView("INTACT",
                    Optional.of(intact.verified()), Optional.of(intact.unchained()), Optional.empty(),
                    Optional.empty(), Optional.empty());
            case AuditTrail.Verification.Broken broken -> new LedgerViews.AuditView("BROKEN", Optional.empty(),
                    Optional.empty(), Optional.of(broken.seq()),
                    Optional.ofNullable(broken.entryId()).map(EntryId::value), Optional.of(broken.reason()));
            case AuditTrail.Verification.ProjectionMismatch mismatch -> new LedgerViews.AuditView(
                    "PROJECTION_MISMATCH", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(mismatch.detail()));
        });
    }
}
