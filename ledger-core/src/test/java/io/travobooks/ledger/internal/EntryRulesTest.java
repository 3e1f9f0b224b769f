package io.travobooks.ledger.internal;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.ledger.EntryLine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules an entry meets on its own, without storage: shape, bounds and balance per currency. */
class EntryRulesTest {
    private static final Currency BDT = Currency.getInstance("BDT");
    private static final AccountId BANK = AccountId.of("1000");
    private static final AccountId BSP = AccountId.of("2100");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    private static JournalEntry entry(EntryLine... lines) {
        return JournalEntry.builder("e1", DAY).description("test").lines(List.of(lines)).build();
    }

    private static Optional<LedgerErrorCode> refusal(JournalEntry entry) {
        return EntryRules.checkShape(entry, BDT).map(plan -> ((PostingEngine.Plan.Refuse) plan).code());
    }

    @Test
    void aBalancedEntryPasses() {
        assertThat(refusal(entry(EntryLine.debit(BANK, Money.of("51200.00", "BDT")),
                EntryLine.credit(BSP, Money.of("51200.00", "BDT"))))).isEmpty();
    }

    @Test
    void eachCurrencyBalancesOnItsOwn() {
        // 100 USD against 11,723.45 BDT is not balanced: neither currency's debits meet its credits.
        assertThat(refusal(entry(EntryLine.debit(BANK, Money.of("100.00", "USD")),
                EntryLine.credit(BSP, Money.of("11723.45", "BDT"))))).contains(LedgerErrorCode.LEDGER_UNBALANCED);
        assertThat(refusal(entry(EntryLine.debit(BANK, Money.of("100.00", "USD")),
                EntryLine.credit(BSP, Money.of("100.00", "USD")), EntryLine.debit(BANK, Money.of("5.00", "BDT")),
                EntryLine.credit(BSP, Money.of("5.00", "BDT"))))).isEmpty();
    }

    @Test
    void anEntryNeedsTwoLinesAndBoundedAmounts() {
        assertThat(refusal(JournalEntry.builder("e1", DAY).description("one line")
                .line(EntryLine.debit(BANK, Money.of("1.00", "BDT"))).build()))
                .contains(LedgerErrorCode.LEDGER_INVALID_ENTRY);
        Money tooMuch = Money.ofMinor(JournalEntry.MAX_AMOUNT_MINOR + 1, "BDT");
        assertThat(refusal(entry(EntryLine.debit(BANK, tooMuch), EntryLine.credit(BSP, tooMuch))))
                .contains(LedgerErrorCode.LEDGER_INVALID_ENTRY);
    }

    @Test
    void metadataIsBounded() {
        JournalEntry.Builder builder = JournalEntry.builder("e1", DAY).description("test")
                .line(EntryLine.debit(BANK, Money.of("1.00", "BDT"))).line(EntryLine.credit(BSP, Money.of("1.00", "BDT")));
        for (int i = 0; i <= EntryRules.MAX_METADATA_KEYS; i++) {
            builder.metadata("k" + i, "v");
        }
        assertThat(refusal(builder.build())).contains(LedgerErrorCode.LEDGER_INVALID_ENTRY);
    }

    @Property
    void balancedLinesPassAndAnyOneMinorUnitOffIsUnbalanced(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 1, max = 1_000_000_000L) Long> amounts,
            @ForAll @IntRange(min = 0, max = 19) int skewed) {
        List<EntryLine> lines = new ArrayList<>();
        long total = 0;
        for (long amount : amounts) {
            lines.add(EntryLine.debit(BANK, Money.ofMinor(amount, "BDT")));
            total += amount;
        }
        lines.add(EntryLine.credit(BSP, Money.ofMinor(total, "BDT")));
        assertThat(EntryRules.checkBalanced(lines)).isEmpty();

        int index = skewed % amounts.size();
        lines.set(index, EntryLine.debit(BANK, Money.ofMinor(amounts.get(index) + 1, "BDT")));
        assertThat(EntryRules.checkBalanced(lines)).hasValueSatisfying(plan ->
                assertThat(((PostingEngine.Plan.Refuse) plan).code()).isEqualTo(LedgerErrorCode.LEDGER_UNBALANCED));
    }
}
