package io.travobooks.testkit.ledger;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.JournalSearch;
import io.travobooks.ledger.LedgerTenant;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.StoredEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.travobooks.testkit.ledger.LedgerFixture.BDT;
import static io.travobooks.testkit.ledger.LedgerFixture.cr;
import static io.travobooks.testkit.ledger.LedgerFixture.dr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Finding journal entries (by account, dates, reference, dimension) and paging through them; reading the tenant. */
public abstract class JournalSearchContractTest {
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);

    protected abstract LedgerStore store();

    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture(store());
        // e1: cash sale of an EK ticket; e2: a fee, dated later; e3: a QR ticket with a reference.
        post(JournalEntry.builder("e1", MARCH_1).line(dr("1100", "100").with(Dimension.AIRLINE, "EK"))
                .line(cr("2100", "100").with(Dimension.AIRLINE, "EK")).build());
        post(JournalEntry.builder("e2", MARCH_1.plusDays(5)).line(dr("1100", "10")).line(cr("4300", "10")).build());
        post(JournalEntry.builder("e3", MARCH_1.plusDays(9)).externalRef("PNR-ABC123")
                .line(dr("1000", "50").with(Dimension.AIRLINE, "QR")).line(cr("2100", "50")).build());
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private void post(JournalEntry entry) {
        assertThat(f.ledger.post(f.context, entry).isSuccess()).isTrue();
    }

    private List<String> find(JournalSearch.Filter filter) {
        return ids(f.ledger.journal().find(f.context, filter, 0, 100).entries());
    }

    private static List<String> ids(List<StoredEntry> entries) {
        return entries.stream().map(entry -> entry.id().value()).toList();
    }

    private static JournalSearch.Filter filter(Optional<String> account, Optional<LocalDate> from,
                                               Optional<LocalDate> to, Optional<String> ref,
                                               Optional<Dimension> dimension, Optional<String> value) {
        return new JournalSearch.Filter(account.map(AccountId::of), from, to, ref, dimension, value);
    }

    @Test
    void everythingInPostingOrder() {
        assertThat(find(JournalSearch.Filter.everything())).containsExactly("e1", "e2", "e3");
    }

    @Test
    void byAccountDatesReferenceAndDimension() {
        Optional<String> none = Optional.empty();
        assertThat(find(filter(Optional.of("2100"), Optional.empty(), Optional.empty(), none, Optional.empty(),
                none))).containsExactly("e1", "e3");
        assertThat(find(filter(none, Optional.of(MARCH_1.plusDays(1)), Optional.of(MARCH_1.plusDays(9)), none,
                Optional.empty(), none))).containsExactly("e2", "e3");
        assertThat(find(filter(none, Optional.empty(), Optional.of(MARCH_1), none, Optional.empty(), none)))
                .containsExactly("e1");
        assertThat(find(filter(none, Optional.empty(), Optional.empty(), Optional.of("PNR-ABC123"),
                Optional.empty(), none))).containsExactly("e3");
        assertThat(find(filter(none, Optional.empty(), Optional.empty(), none, Optional.of(Dimension.AIRLINE),
                none))).containsExactly("e1", "e3");
        assertThat(find(filter(none, Optional.empty(), Optional.empty(), none, Optional.of(Dimension.AIRLINE),
                Optional.of("QR")))).containsExactly("e3");
        // Both parts must hold on the same line: 2100's line of e3 has no airline.
        assertThat(find(filter(Optional.of("2100"), Optional.empty(), Optional.empty(), none,
                Optional.of(Dimension.AIRLINE), Optional.of("QR")))).isEmpty();
    }

    @Test
    void pagesResumeAfterTheLastEntryFoundAndEndWithoutAPosition() {
        JournalSearch.Page first = f.ledger.journal().find(f.context, JournalSearch.Filter.everything(), 0, 2);
        assertThat(ids(first.entries())).containsExactly("e1", "e2");
        assertThat(first.resumeAfterSeq()).contains(first.entries().get(1).seq());
        JournalSearch.Page second = f.ledger.journal().find(f.context, JournalSearch.Filter.everything(),
                first.resumeAfterSeq().orElseThrow(), 2);
        assertThat(ids(second.entries())).containsExactly("e3");
        assertThat(second.resumeAfterSeq()).isEmpty();
    }

    @Test
    void aSearchStopsAfterItsScanBudgetAndSaysWhereToGoOn() {
        List<JournalEntry> filler = new ArrayList<>();
        for (int i = 0; i < JournalSearch.MAX_SCAN; i++) {
            filler.add(JournalEntry.builder("f" + i, MARCH_1).line(dr("1100", "1")).line(cr("4300", "1")).build());
        }
        for (int i = 0; i < filler.size(); i += 500) {
            f.ledger.postAll(f.context, filler.subList(i, i + 500), true);
        }
        post(JournalEntry.builder("last", MARCH_1).externalRef("needle").line(dr("1100", "1"))
                .line(cr("4300", "1")).build());
        JournalSearch.Filter needle = filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("needle"), Optional.empty(), Optional.empty());

        JournalSearch.Page first = f.ledger.journal().find(f.context, needle, 0, 10);
        assertThat(first.entries()).isEmpty();
        assertThat(first.resumeAfterSeq()).contains((long) JournalSearch.MAX_SCAN);
        JournalSearch.Page second = f.ledger.journal().find(f.context, needle, first.resumeAfterSeq().get(), 10);
        assertThat(ids(second.entries())).containsExactly("last");
    }

    @Test
    void aPageAndALookupNameTheEntryThatReversesAnother() {
        assertThat(f.ledger.reverse(f.context, EntryId.of("r2"), EntryId.of("e2"), MARCH_1.plusDays(6), "wrong fee")
                .isSuccess()).isTrue();

        JournalSearch.Page page = f.ledger.journal().find(f.context, JournalSearch.Filter.everything(), 0, 100);
        assertThat(ids(page.entries())).containsExactly("e1", "e2", "e3", "r2");
        assertThat(page.referencedBy()).containsExactlyEntriesOf(Map.of(EntryId.of("e2"), EntryId.of("r2")));
        assertThat(f.ledger.journal().referencedBy(f.context, List.of(EntryId.of("e1"), EntryId.of("e2"))))
                .containsExactlyEntriesOf(Map.of(EntryId.of("e2"), EntryId.of("r2")));
        try (LedgerFixture other = new LedgerFixture(store())) {
            assertThat(other.ledger.journal().referencedBy(other.context, List.of(EntryId.of("e2")))).isEmpty();
        }
    }

    @Test
    void anotherTenantsEntriesAreNeverFound() {
        try (LedgerFixture other = new LedgerFixture(store())) {
            assertThat(other.ledger.journal().find(other.context, JournalSearch.Filter.everything(), 0, 100)
                    .entries()).isEmpty();
        }
    }

    @Test
    void aDimensionValueNeedsItsDimensionAndALimitMustBeSane() {
        assertThatThrownBy(() -> filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("EK"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.ledger.journal().find(f.context, JournalSearch.Filter.everything(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTenantAsItsLedgerKnowsIt() {
        assertThat(f.ledger.tenant(f.context)).contains(new LedgerTenant(f.tenant, BDT, Optional.empty()));
        f.ledger.periods().closeThrough(f.context, MARCH_1).orThrow();
        assertThat(f.ledger.tenant(f.context).orElseThrow().closedThrough()).contains(MARCH_1);
        assertThat(f.ledger.tenant(RequestContext.of(LedgerFixture.newTenantId(), "test"))).isEmpty();
        assertThat(f.ledger.entry(f.context, EntryId.of("e1"))).isPresent();
    }
}
