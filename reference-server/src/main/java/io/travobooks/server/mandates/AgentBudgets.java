package io.travobooks.server.mandates;

import io.travobooks.ledger.AccountSpec;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.ledger.PostResult;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.Mandate;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.Side;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * An AI agent's budgets, kept in the ledger so that its limits enforce them. Each key with a mandate has
 * memorandum accounts under {@value #PARENT}: {@code 99.<key>.spent}, limited to the total budget, and one account
 * a day, {@code 99.<key>.D<yyyymmdd>}, limited to the daily one, each debited with an issue's fare against a contra
 * account ({@code 99.<key>.granted}, {@code 99.<key>.days}), so that they always net to zero. An issue first
 * reserves its fare as a pending entry: the ledger counts pending amounts against the limits under its own locks,
 * so concurrent issues cannot pass them together. The reservation is settled with its booking: posted once the
 * tickets are issued, voided when the issue failed; one whose booking never settles lapses after
 * {@link #HELD_FOR}.
 */
public final class AgentBudgets {
    static final String PARENT = "99";
    static final Duration HELD_FOR = Duration.ofDays(30);
    private static final String ENTRY_PREFIX = "agent.";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Ledger ledger;

    AgentBudgets(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The id of a new reservation for the key. */
    static EntryId newReservation(String keyId) {
        return EntryId.of(ENTRY_PREFIX + keyId + "." + ApiKeySecret.randomBase62(12));
    }

    /**
     * Whether the code is an account of agents' budgets, or the id an entry on them: the server alone opens and
     * posts them, so that no one with {@code ledger:write} moves an agent's budget by hand.
     */
    public static boolean reserved(String codeOrEntryId) {
        return codeOrEntryId.equals(PARENT) || codeOrEntryId.startsWith(PARENT + ".")
                || codeOrEntryId.startsWith(ENTRY_PREFIX);
    }

    /**
     * Reserves {@code fare} as {@code pending} against the key's total budget and its budget for {@code day};
     * refused with {@code MANDATE_BUDGET_EXCEEDED}, naming the budget, when it would pass one.
     */
    Outcome<EntryId> reserve(RequestContext context, EntryId pending, String keyId, Mandate mandate,
                             String bookingId, Money fare, LocalDate day, Instant now) {
        AccountId spent = account(keyId, "spent");
        AccountId today = account(keyId, "D" + DAY.format(day));
        open(context, AccountSpec.of(PARENT, "Agent budgets (memorandum, nets to zero)", AccountType.ASSET));
        open(context, AccountSpec.of(spent.value(), "Spent by agent key " + keyId, AccountType.ASSET).under(PARENT)
                .limitedTo(mandate.totalMinor()));
        open(context, AccountSpec.of(account(keyId, "granted").value(), "Budget granted to agent key " + keyId,
                AccountType.ASSET).under(PARENT).normally(Side.CREDIT));
        open(context, AccountSpec.of(today.value(), "Spent by agent key " + keyId + " on " + day, AccountType.ASSET)
                .under(PARENT).limitedTo(mandate.perDayMinor()));
        open(context, AccountSpec.of(account(keyId, "days").value(), "Daily budgets of agent key " + keyId,
                AccountType.ASSET).under(PARENT).normally(Side.CREDIT));
        JournalEntry entry = JournalEntry.builder(pending, day)
                .description("Fare of booking " + bookingId + " reserved against the mandate of " + keyId)
                .sourceDocument("booking:" + bookingId)
                .line(EntryLine.debit(spent, fare)).line(EntryLine.credit(account(keyId, "granted"), fare))
                .line(EntryLine.debit(today, fare)).line(EntryLine.credit(account(keyId, "days"), fare))
                .build();
        PostResult reserved = ledger.reserve(context, entry, Optional.of(now.plus(HELD_FOR)));
        if (reserved instanceof PostResult.Rejected rejected
                && rejected.code() == LedgerErrorCode.LEDGER_LIMIT_EXCEEDED) {
            String which = rejected.rejection().detail().contains(today.value()) ? "daily" : "total";
            return Outcome.refused(MandateCode.MANDATE_BUDGET_EXCEEDED, "the fare " + fare + " would pass the "
                    + which + " budget of this agent's mandate");
        }
        return reserved.toOutcome().map(ok -> pending);
    }

    /**
     * Settles a reservation: posted when its fare was spent (the tickets are issued), else voided. A reservation
     * settled already (by another node, or the sweeper after it lapsed) stays as it is.
     */
    void settle(RequestContext context, EntryId pending, boolean spent) {
        PostResult settled = spent ? ledger.postPending(context, EntryId.of(pending.value() + ".spent"), pending)
                : ledger.voidPending(context, EntryId.of(pending.value() + ".void"), pending);
        if (settled instanceof PostResult.Rejected rejected
                && rejected.code() != LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED) {
            throw new IllegalStateException("could not settle " + pending + ": " + rejected.rejection());
        }
    }

    private static AccountId account(String keyId, String name) {
        return AccountId.of(PARENT + "." + keyId + "." + name);
    }

    /** Opens an account unless it is open: the first issue of a key (or of its day) opens its accounts. */
    private void open(RequestContext context, AccountSpec spec) {
        if (ledger.chart().find(context, spec.id()).isEmpty()) {
            Outcome<?> opened = ledger.chart().open(context, spec);
            if (opened instanceof Outcome.Refused<?> refused
                    && refused.rejection().code() != LedgerErrorCode.LEDGER_ACCOUNT_EXISTS) {
                throw new IllegalStateException("could not open " + spec.id() + ": " + refused.rejection());
            }
        }
    }
}
