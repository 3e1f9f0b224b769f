package io.travobooks.server.ledger;

import io.travobooks.ledger.AccountStatement;
import io.travobooks.ledger.DailyActivity;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Currencies;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountType;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The chart of accounts, and each account's balance and statement. */
final class AccountsApi {
    private static final Set<LedgerErrorCode> ACCOUNT_MISSING = Set.of(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND);

    private final Ledger ledger;

    AccountsApi(Ledger ledger) {
        this.ledger = ledger;
    }

    Map<String, Handler> handlers() {
        return Map.of(
                "listAccounts", this::list,
                "openAccount", this::open,
                "getAccount", this::get,
                "closeAccount", this::close,
                "getBalance", this::balance,
                "getStatement", this::statement,
                "getDailyActivity", this::dailyActivity);
    }

    private Reply list(Call call) {
        int limit = Page.limit(call);
        Optional<String> after = Page.position(call);
        Optional<AccountType> type = call.query("type").map(AccountType::valueOf);
        Optional<AccountId> parent = call.query("parent").map(AccountId::of);
        List<Account> rows = ledger.chart().list(call.context()).stream()
                .filter(account -> type.map(account.type()::equals).orElse(true))
                .filter(account -> parent.map(p -> account.parent().equals(Optional.of(p))).orElse(true))
                .filter(account -> after.map(a -> account.id().value().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(account -> account.id().value()))
                .limit(limit + 1L)
                .toList();
        return Reply.ok(Page.of(rows, limit, account -> account.id().value(), LedgerViews.AccountView::of));
    }

    private Reply open(Call call) {
        LedgerRequests.NewAccount request = call.bodyAs(LedgerRequests.NewAccount.class);
        return Reply.created(LedgerViews.AccountView.of(
                Postings.orThrow(ledger.chart().open(call.context(), request.toSpec()), Set.of())));
    }

    private Reply get(Call call) {
        AccountId id = AccountId.of(call.path("code"));
        return ledger.chart().find(call.context(), id).map(LedgerViews.AccountView::of).map(Reply::ok)
                .orElseThrow(() -> ApiProblem.notFound(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND, "no account " + id));
    }

    private Reply close(Call call) {
        return Reply.ok(LedgerViews.AccountView.of(Postings.orThrow(
                ledger.chart().close(call.context(), AccountId.of(call.path("code"))), ACCOUNT_MISSING)));
    }

    private Reply balance(Call call) {
        AccountId id = AccountId.of(call.path("code"));
        Currency currency = Currencies.parse(call.query("currency").orElseThrow(), "currency");
        Optional<LocalDate> asOf = call.queryDate("as_of");
        return asOf.map(day -> ledger.balanceAsOf(call.context(), id, currency, day))
                .orElseGet(() -> ledger.balance(call.context(), id, currency))
                .map(balance -> Reply.ok(LedgerViews.BalanceView.of(balance, asOf)))
                .orElseThrow(() -> ApiProblem.notFound(LedgerErrorCode.LEDGER_ACCOUNT_NOT_FOUND, "no account " + id));
    }

    private Reply statement(Call call) {
        AccountId id = AccountId.of(call.path("code"));
        Currency currency = Currencies.parse(call.query("currency").orElseThrow(), "currency");
        AccountStatement statement = Postings.orThrow(ledger.reports().statement(call.context(), id, currency,
                call.queryDate("from").orElseThrow(), call.queryDate("to").orElseThrow(), call.query("cursor"),
                Page.limit(call)), ACCOUNT_MISSING);
        return Reply.ok(LedgerViews.StatementView.of(statement));
    }

    private Reply dailyActivity(Call call) {
        DailyActivity activity = Postings.orThrow(ledger.reports().dailyActivity(call.context(),
                AccountId.of(call.path("code")), Currencies.parse(call.query("currency").orElseThrow(), "currency"),
                call.queryDate("from").orElseThrow(), call.queryDate("to").orElseThrow()), ACCOUNT_MISSING);
        return Reply.ok(LedgerViews.DailyActivityView.of(activity));
    }
}
