package io.travobooks.server.ledger;

import io.travobooks.ledger.AccountStatement;
import io.travobooks.ledger.Balance;
import io.travobooks.ledger.BalanceSheet;
import io.travobooks.ledger.DailyActivity;
import io.travobooks.ledger.IncomeStatement;
import io.travobooks.ledger.PostResult;
import io.travobooks.ledger.ReportLine;
import io.travobooks.ledger.TrialBalance;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.StoredEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** The ledger's answers as the contract shapes them (field names become snake_case in JSON). */
public final class LedgerViews {
    private LedgerViews() {
    }

    record AccountView(String code, String name, String type, String normalSide, Optional<String> parent,
                       String status, Optional<String> currency, boolean noNegative, Optional<Long> limitMinor) {
        static AccountView of(Account account) {
            OptionalLong limit = account.limitMinor();
            return new AccountView(account.id().value(), account.name(), account.type().name(),
                    account.normalSide().name(), account.parent().map(AccountId::value), account.status().name(),
                    account.currency().map(c -> c.getCurrencyCode()), account.noNegative(),
                    limit.isPresent() ? Optional.of(limit.getAsLong()) : Optional.empty());
        }
    }

    record PostingView(String entryId, String status, long seq, Instant postedAt) {
        static Optional<PostingView> of(PostResult result) {
            return switch (result) {
                case PostResult.Posted posted ->
                        Optional.of(new PostingView(posted.entryId().value(), "POSTED", posted.seq(),
                                posted.postedAt()));
                case PostResult.AlreadyPosted again -> Optional.of(new PostingView(again.entryId().value(),
                        "ALREADY_POSTED", again.seq(), again.postedAt()));
                default -> Optional.empty();
            };
        }
    }

    public record FxView(long functionalAmountMinor, String rate) {
    }

    public record LineView(String account, String side, long amountMinor, String currency,
                    Optional<Map<String, String>> dimensions, Optional<FxView> fx) {
        public static LineView of(EntryLine line) {
            Map<String, String> dimensions = new TreeMap<>();
            line.dimensions().forEach((dimension, value) -> dimensions.put(dimension.name(), value));
            return new LineView(line.account().value(), line.side().name(), line.amount().minor(),
                    line.amount().currency().getCurrencyCode(),
                    dimensions.isEmpty() ? Optional.empty() : Optional.of(dimensions),
                    line.fx().map(fx -> new FxView(fx.functionalMinor(), fx.rate().toPlainString())));
        }
    }

    record EntryView(String id, long seq, String kind, LocalDate effectiveDate, Instant postedAt, String description,
                     Optional<String> externalRef, Optional<String> sourceDocument, Map<String, String> metadata,
                     Optional<String> reference, Optional<String> referencedBy, Optional<Instant> expiresAt,
                     String actor, List<LineView> lines) {
        /** The entry, with the later entry that reverses, captures or voids it when there is one. */
        static EntryView of(StoredEntry entry, Map<EntryId, EntryId> referencedBy) {
            return new EntryView(entry.id().value(), entry.seq(), entry.kind().name(), entry.effectiveDate(),
                    entry.postedAt(), entry.description(), entry.externalRef(), entry.sourceDocument(),
                    new TreeMap<>(entry.metadata()), entry.reference().map(EntryId::value),
                    Optional.ofNullable(referencedBy.get(entry.id())).map(EntryId::value), entry.expiresAt(),
                    entry.actor(), entry.lines().stream().map(LineView::of).toList());
        }
    }

    record BalanceView(String account, String currency, String normalSide, Optional<LocalDate> asOf, long postedMinor,
                       long pendingMinor, long availableMinor) {
        static BalanceView of(Balance balance, Optional<LocalDate> asOf) {
            return new BalanceView(balance.account().value(), balance.posted().currency().getCurrencyCode(),
                    balance.normalSide().name(), asOf, balance.posted().minor(), balance.pending().minor(),
                    balance.available().minor());
        }
    }

    record StatementLineView(String entryId, long seq, int lineNo, LocalDate effectiveDate, String side,
                             long amountMinor, String description, Optional<Map<String, String>> dimensions,
                             long runningBalanceMinor) {
        static StatementLineView of(AccountStatement.Row row) {
            Map<String, String> dimensions = new TreeMap<>();
            row.line().dimensions().forEach((Dimension d, String value) -> dimensions.put(d.name(), value));
            return new StatementLineView(row.line().entryId().value(), row.line().seq(), row.line().lineNo(),
                    row.line().effectiveDate(), row.line().side().name(), row.line().amountMinor(),
                    row.line().description(), dimensions.isEmpty() ? Optional.empty() : Optional.of(dimensions),
                    row.runningBalance());
        }
    }

    record StatementView(String account, String currency, LocalDate from, LocalDate to, long openingMinor,
                         long closingMinor, List<StatementLineView> lines, Optional<String> nextCursor) {
        static StatementView of(AccountStatement statement) {
            return new StatementView(statement.account().value(), statement.currency().getCurrencyCode(),
                    statement.from(), statement.to(), statement.opening(), statement.closing(),
                    statement.rows().stream().map(StatementLineView::of).toList(), statement.nextCursor());
        }
    }

    record DailyActivityView(String account, String currency, List<DayView> days) {
        record DayView(LocalDate date, long debitMinor, long creditMinor) {
        }

        static DailyActivityView of(DailyActivity activity) {
            return new DailyActivityView(activity.account().value(), activity.currency().getCurrencyCode(),
                    activity.days().stream().map(day -> new DayView(day.date(), day.debit(), day.credit())).toList());
        }
    }

    record ReportLineView(String account, String name, String type, int depth, long ownMinor, long totalMinor) {
        static List<ReportLineView> of(List<ReportLine> lines) {
            return lines.stream().map(line -> new ReportLineView(line.account().value(), line.name(),
                    line.type().name(), line.depth(), line.own(), line.total())).toList();
        }
    }

    record TrialBalanceLineView(String account, String name, String type, long debitMinor, long creditMinor) {
    }

    record TrialBalanceTableView(String currency, List<TrialBalanceLineView> lines, long totalDebitMinor,
                                 long totalCreditMinor) {
    }

    record TrialBalanceView(LocalDate asOf, List<TrialBalanceTableView> currencies) {
        static TrialBalanceView of(TrialBalance report) {
            return new TrialBalanceView(report.asOf(), report.byCurrency().entrySet().stream()
                    .map(table -> new TrialBalanceTableView(table.getKey().getCurrencyCode(),
                            table.getValue().accounts().stream().map(a -> new TrialBalanceLineView(a.account().value(),
                                    a.name(), a.type().name(), a.debit(), a.credit())).toList(),
                            table.getValue().totalDebit(), table.getValue().totalCredit()))
                    .toList());
        }
    }

    record IncomeSectionView(String currency, List<ReportLineView> revenue, List<ReportLineView> expenses,
                             long totalRevenueMinor, long totalExpensesMinor, long netIncomeMinor) {
    }

    record IncomeStatementView(LocalDate from, LocalDate to, List<IncomeSectionView> currencies) {
        static IncomeStatementView of(IncomeStatement report) {
            return new IncomeStatementView(report.from(), report.to(), report.byCurrency().entrySet().stream()
                    .map(section -> new IncomeSectionView(section.getKey().getCurrencyCode(),
                            ReportLineView.of(section.getValue().revenue()),
                            ReportLineView.of(section.getValue().expenses()), section.getValue().totalRevenue(),
                            section.getValue().totalExpenses(),
                            section.getValue().totalRevenue() - section.getValue().totalExpenses()))
                    .toList());
        }
    }

    record BalanceSheetSectionView(String currency, List<ReportLineView> assets, List<ReportLineView> liabilities,
                                   List<ReportLineView> equity, long totalAssetsMinor, long totalLiabilitiesMinor,
                                   long totalEquityMinor, long currentEarningsMinor) {
    }

    record BalanceSheetView(LocalDate asOf, List<BalanceSheetSectionView> currencies) {
        static BalanceSheetView of(BalanceSheet report) {
            return new BalanceSheetView(report.asOf(), report.byCurrency().entrySet().stream()
                    .map(section -> new BalanceSheetSectionView(section.getKey().getCurrencyCode(),
                            ReportLineView.of(section.getValue().assets()),
                            ReportLineView.of(section.getValue().liabilities()),
                            ReportLineView.of(section.getValue().equity()), section.getValue().totalAssets(),
                            section.getValue().totalLiabilities(), section.getValue().totalEquity(),
                            section.getValue().currentEarnings()))
                    .toList());
        }
    }

    record PeriodsView(Optional<LocalDate> closedThrough) {
    }

    record AuditView(String status, Optional<Long> verified, Optional<Long> unchained, Optional<Long> brokenSeq,
                     Optional<String> brokenEntryId, Optional<String> detail) {
    }
}
