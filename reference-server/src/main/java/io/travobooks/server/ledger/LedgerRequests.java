package io.travobooks.server.ledger;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Currencies;
import io.travobooks.server.mandates.AgentBudgets;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.Side;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Request bodies of the ledger operations and their mapping to the library's types. The contract has checked their
 * form; what only the library's types can check (a currency that exists, an amount finer than the currency's
 * minor unit, a dimension value too long for its kind) is answered here, naming the field.
 */
final class LedgerRequests {
    private LedgerRequests() {
    }

    record NewAccount(String code, String name, String type, Optional<String> parent, Optional<String> normalSide,
                      Optional<String> currency, Optional<Boolean> noNegative, Optional<Long> limitMinor) {
        AccountSpec toSpec() {
            refuseBudgetSpace("/code", code);
            parent.ifPresent(code -> refuseBudgetSpace("/parent", code));
            AccountSpec spec = AccountSpec.of(code, name, AccountType.valueOf(type));
            if (parent.isPresent()) {
                spec = spec.under(parent.get());
            }
            if (normalSide.isPresent()) {
                spec = spec.normally(Side.valueOf(normalSide.get()));
            }
            if (currency.isPresent()) {
                spec = spec.onlyIn(Currencies.parse(currency.get(), "/currency").getCurrencyCode());
            }
            if (noNegative.orElse(false)) {
                spec = spec.mustNotGoNegative();
            }
            if (limitMinor.isPresent()) {
                spec = spec.limitedTo(limitMinor.get());
            }
            return spec;
        }
    }

    record NewFx(long functionalAmountMinor, String rate) {
    }

    record NewLine(String account, String side, long amountMinor, String currency,
                   Optional<Map<String, String>> dimensions, Optional<NewFx> fx) {
        EntryLine toLine(String field) {
            refuseBudgetSpace(field + "/account", account);
            Currency money = Currencies.parse(currency, field + "/currency");
            EntryLine line = Side.valueOf(side) == Side.DEBIT
                    ? EntryLine.debit(AccountId.of(account), Money.ofMinor(amountMinor, money.getCurrencyCode()))
                    : EntryLine.credit(AccountId.of(account), Money.ofMinor(amountMinor, money.getCurrencyCode()));
            for (Map.Entry<String, String> dimension : dimensions.orElse(Map.of()).entrySet()) {
                try {
                    line = line.with(Dimension.valueOf(dimension.getKey()), dimension.getValue());
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalid(field + "/dimensions/" + dimension.getKey(), e.getMessage());
                }
            }
            if (fx.isPresent()) {
                line = line.withFx(new FxDetail(fx.get().functionalAmountMinor(), new BigDecimal(fx.get().rate())));
            }
            return line;
        }
    }

    record NewEntry(String id, LocalDate effectiveDate, Optional<String> description, Optional<String> externalRef,
                    Optional<String> sourceDocument, Optional<Map<String, String>> metadata, List<NewLine> lines,
                    Optional<Instant> expiresAt) {
        JournalEntry toEntry(String field) {
            refuseBudgetSpace(field + "/id", id);
            JournalEntry.Builder builder = JournalEntry.builder(id, effectiveDate)
                    .description(description.orElse(""));
            externalRef.ifPresent(builder::externalRef);
            sourceDocument.ifPresent(builder::sourceDocument);
            metadata.orElse(Map.of()).forEach(builder::metadata);
            for (int i = 0; i < lines.size(); i++) {
                builder.line(lines.get(i).toLine(field + "/lines/" + i));
            }
            return builder.build();
        }
    }

    record Batch(Optional<Boolean> allOrNothing, List<NewEntry> entries) {
    }

    record Reversal(String id, Optional<LocalDate> effectiveDate, Optional<String> description) {
    }

    record Capture(String id, Optional<List<Long>> amountsMinor, Optional<LocalDate> effectiveDate) {
    }

    record Release(String id) {
    }

    record PeriodClose(LocalDate through) {
    }

    record YearEnd(String id, LocalDate yearEnd, String retainedEarnings) {
    }

    /** Refuses a code or id in the space of agents' budgets, which only the server writes. */
    static void refuseBudgetSpace(String field, String codeOrEntryId) {
        if (AgentBudgets.reserved(codeOrEntryId)) {
            throw ApiProblem.invalid(field, "accounts under 99 and entries agent.* hold AI agents' budgets; only "
                    + "the server writes them");
        }
    }
}
