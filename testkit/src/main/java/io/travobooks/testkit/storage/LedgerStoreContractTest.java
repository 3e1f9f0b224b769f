package io.travobooks.testkit.storage;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.Money;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.ledger.Account;
import io.travobooks.spi.ledger.AccountStatus;
import io.travobooks.spi.ledger.AccountTotal;
import io.travobooks.spi.ledger.AccountType;
import io.travobooks.spi.ledger.BalanceKey;
import io.travobooks.spi.ledger.BalanceRow;
import io.travobooks.spi.ledger.ChainLink;
import io.travobooks.spi.ledger.DailyTotal;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.FxDetail;
import io.travobooks.spi.ledger.LedgerStore;
import io.travobooks.spi.ledger.PendingRef;
import io.travobooks.spi.ledger.Side;
import io.travobooks.spi.ledger.StatementLine;
import io.travobooks.spi.ledger.StatementPosition;
import io.travobooks.spi.ledger.StoredEntry;
import io.travobooks.spi.ledger.TenantRow;
import io.travobooks.testkit.ledger.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link LedgerStore} must do, tested on the SPI directly (no ledger rules involved). */
public abstract class LedgerStoreContractTest {
    private static final Currency BDT = Currency.getInstance("BDT");
    private static final Currency USD = Currency.getInstance("USD");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final Instant NOW = Instant.parse("2026-03-10T06:00:00.123456Z");

    protected abstract LedgerStore store();

    private LedgerStore store;
    private TransactionRunner tx;
    private TenantId tenant;
    private TenantId other;

    @BeforeEach
    void setUp() {
        store = store();
        tx = store.transactions();
        tenant = TenantId.of(LedgerFixture.newTenantId());
        other = TenantId.of(LedgerFixture.newTenantId());
        for (TenantId t : List.of(tenant, other)) {
            assertThat(tx.<Boolean>inTransaction(uow -> store.insertTenant(uow, new TenantRow(t, BDT, Optional.empty(), 1, 7))))
                    .isTrue();
        }
    }

    private static StoredEntry entry(TenantId tenant, String id, long seq, EntryKind kind, LocalDate date,
                                     Optional<EntryId> reference, Optional<Instant> expiresAt, EntryLine... lines) {
        return new StoredEntry(tenant, EntryId.of(id), seq, kind, date, NOW, "entry " + id, Optional.of("ext-" + id),
                Optional.of("booking:" + id), Map.of("k", "v \"quoted\" ৳"), reference, expiresAt, "actor",
                "a".repeat(64), List.of(lines));
    }

    private static EntryLine dr(String account, long minor) {
        return EntryLine.debit(AccountId.of(account), new Money(minor, BDT));
    }

    private static EntryLine cr(String account, long minor) {
        return EntryLine.credit(AccountId.of(account), new Money(minor, BDT));
    }

    /** Inserts entries and advances their tenants' next seq, as the ledger does, so the data stays consistent. */
    private void insert(StoredEntry... entries) {
        tx.inTransaction(uow -> {
            store.insertEntries(uow, List.of(entries));
            for (StoredEntry entry : entries) {
                TenantRow row = store.lockTenants(uow, List.of(entry.tenant())).get(entry.tenant());
                if (row.nextSeq() <= entry.seq()) {
                    store.updateTenants(uow, List.of(new TenantRow(row.tenant(), row.functionalCurrency(),
                            row.closedThrough(), entry.seq() + 1, row.chartVersion())));
                }
            }
            return null;
        });
    }

    @Test
    void tenantRowsRoundTripAndLockOnlyExistingOnes() {
        assertThat(tx.<Boolean>inTransaction(uow -> store.insertTenant(uow, new TenantRow(tenant, USD, Optional.empty(), 9, 9))))
                .as("a second insert of the same tenant changes nothing").isFalse();
        TenantRow changed = new TenantRow(tenant, BDT, Optional.of(DAY), 42, -5);
        tx.inTransaction(uow -> {
            store.updateTenants(uow, List.of(changed));
            return null;
        });
        Map<TenantId, TenantRow> locked = tx.inTransaction(uow -> store.lockTenants(uow,
                List.of(tenant, TenantId.of("nobody"))));
        assertThat(locked).containsOnlyKeys(tenant).containsEntry(tenant, changed);
        assertThat(tx.<Optional<TenantRow>>inTransaction(uow -> store.findTenant(uow, other)).orElseThrow().nextSeq()).isEqualTo(1);
    }

    @Test
    void accountsRoundTripPerTenant() {
        Account account = new Account(tenant, AccountId.of("1250"), "Wallet", AccountType.ASSET, Side.DEBIT,
                Optional.of(AccountId.of("1")), AccountStatus.OPEN, Optional.of(USD), true, OptionalLong.of(500));
        assertThat(tx.<Boolean>inTransaction(uow -> store.insertAccount(uow, account))).isTrue();
        assertThat(tx.<Boolean>inTransaction(uow -> store.insertAccount(uow, account))).isFalse();
        assertThat(tx.<Map<AccountId, Account>>inTransaction(uow -> store.findAccounts(uow, tenant, List.of(AccountId.of("1250")))))
                .containsEntry(AccountId.of("1250"), account);
        assertThat(tx.<List<Account>>inTransaction(uow -> store.listAccounts(uow, other))).isEmpty();

        Account closed = account.withStatus(AccountStatus.CLOSED);
        tx.inTransaction(uow -> {
            store.updateAccount(uow, closed);
            return null;
        });
        assertThat(tx.<List<Account>>inTransaction(uow -> store.listAccounts(uow, tenant))).containsExactly(closed);
    }

    @Test
    void entriesRoundTripWithEveryField() {
        EntryLine fx = EntryLine.debit(AccountId.of("1030"), new Money(10_00, USD))
                .withFx(new FxDetail(1_200_00, new BigDecimal("120.0000")));
        EntryLine dims = cr("2100", 5).with(Dimension.AIRLINE, "176").with(Dimension.DOCUMENT_NUMBER, "1762000000001")
                .with(Dimension.BILLING_PERIOD, "2026-03-P1").with(Dimension.TAX_CODE, "YQ")
                .with(Dimension.BOOKING_ID, "BK-1");
        StoredEntry first = entry(tenant, "e1", 1, EntryKind.PENDING, DAY, Optional.empty(),
                Optional.of(NOW.plusSeconds(60)), dr("1100", 5), dims, fx,
                EntryLine.credit(AccountId.of("1090"), new Money(10_00, USD)));
        insert(first);
        StoredEntry read = tx.inTransaction(uow -> store.findEntry(uow, tenant, EntryId.of("e1"))).orElseThrow();
        assertThat(read).isEqualTo(new StoredEntry(first.tenant(), first.id(), first.seq(), first.kind(),
                first.effectiveDate(), first.postedAt(), first.description(), first.externalRef(),
                first.sourceDocument(), first.metadata(), first.reference(), first.expiresAt(), first.actor(),
                first.contentHash(), List.of(dr("1100", 5), dims,
                fx.withFx(new FxDetail(1_200_00, new BigDecimal("120"))),
                EntryLine.credit(AccountId.of("1090"), new Money(10_00, USD)))));
        assertThat(tx.<Optional<StoredEntry>>inTransaction(uow -> store.findEntry(uow, other, EntryId.of("e1")))).isEmpty();
    }

    @Test
    void idsSeqsAndReferencesAreUniquePerTenant() {
        insert(
                    entry(tenant, "e1", 1, EntryKind.STANDARD, DAY, Optional.empty(), Optional.empty(),
                            dr("1", 1), cr("2", 1)),
                    entry(tenant, "e2", 2, EntryKind.REVERSAL, DAY, Optional.of(EntryId.of("e1")), Optional.empty(),
                            cr("1", 1), dr("2", 1)),
                    entry(other, "e1", 1, EntryKind.STANDARD, DAY, Optional.empty(), Optional.empty(),
                            dr("1", 1), cr("2", 1)));
        assertThatThrownBy(() -> tx.inTransaction(uow -> {
            store.insertEntries(uow, List.of(entry(tenant, "e1", 3, EntryKind.STANDARD, DAY, Optional.empty(),
                    Optional.empty(), dr("1", 1), cr("2", 1))));
            return null;
        })).as("same id").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> tx.inTransaction(uow -> {
            store.insertEntries(uow, List.of(entry(tenant, "e3", 2, EntryKind.STANDARD, DAY, Optional.empty(),
                    Optional.empty(), dr("1", 1), cr("2", 1))));
            return null;
        })).as("same seq").isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> tx.inTransaction(uow -> {
            store.insertEntries(uow, List.of(entry(tenant, "e4", 3, EntryKind.REVERSAL, DAY,
                    Optional.of(EntryId.of("e1")), Optional.empty(), cr("1", 1), dr("2", 1))));
            return null;
        })).as("second reversal of e1").isInstanceOf(RuntimeException.class);

        assertThat(tx.<Map<EntryId, EntryId>>inTransaction(uow -> store.findReferencing(uow, tenant, List.of(EntryId.of("e1"),
                EntryId.of("e2"))))).containsExactly(Map.entry(EntryId.of("e1"), EntryId.of("e2")));
        var headers = tx.inTransaction(uow -> store.findHeaders(uow, Map.of(
                tenant, List.of(EntryId.of("e1"), EntryId.of("e2"), EntryId.of("nope")),
                other, List.of(EntryId.of("e1"), EntryId.of("e2")))));
        assertThat(headers.get(tenant)).containsOnlyKeys(EntryId.of("e1"), EntryId.of("e2"));
        assertThat(headers.get(other)).containsOnlyKeys(EntryId.of("e1"));
        assertThat(headers.get(tenant).get(EntryId.of("e2")).reference()).contains(EntryId.of("e1"));
        assertThat(tx.<List<StoredEntry>>inTransaction(uow -> store.entriesAfter(uow, tenant, 0, 10))).extracting(StoredEntry::seq)
                .containsExactly(1L, 2L);
        assertThat(tx.<List<StoredEntry>>inTransaction(uow -> store.entriesAfter(uow, tenant, 1, 10))).extracting(StoredEntry::id)
                .containsExactly(EntryId.of("e2"));
    }

    @Test
    void expiredPendingPagesPastEveryEntryReadEvenWhenExpiriesTie() {
        Instant tie = NOW.minusSeconds(ThreadLocalRandom.current().nextLong(1, 1_000_000));
        for (TenantId owner : List.of(tenant, other)) {
            insert(entry(owner, "pb", 1, EntryKind.PENDING, DAY, Optional.empty(), Optional.of(tie),
                            dr("1", 1), cr("2", 1)),
                    entry(owner, "pa", 2, EntryKind.PENDING, DAY, Optional.empty(), Optional.of(tie),
                            dr("1", 1), cr("2", 1)));
        }
        List<PendingRef> seen = new ArrayList<>();
        // just before the tie, so that other tests' expired entries (all earlier) are not listed
        Optional<PendingRef> after = Optional.of(new PendingRef(TenantId.of("0"), EntryId.of("0"),
                tie.minusNanos(1_000)));
        while (true) {
            Optional<PendingRef> position = after;
            List<PendingRef> page = tx.inTransaction(uow -> store.expiredPending(uow, tie, position, 1));
            if (page.isEmpty()) {
                break;
            }
            seen.addAll(page);
            after = Optional.of(page.getLast());
        }
        TenantId first = tenant.value().compareTo(other.value()) < 0 ? tenant : other;
        TenantId second = first == tenant ? other : tenant;
        assertThat(seen).containsExactly(new PendingRef(first, EntryId.of("pa"), tie),
                new PendingRef(first, EntryId.of("pb"), tie), new PendingRef(second, EntryId.of("pa"), tie),
                new PendingRef(second, EntryId.of("pb"), tie));
        for (TenantId owner : List.of(tenant, other)) { // resolved, so that no sweep of another test meets them
            insert(entry(owner, "va", 3, EntryKind.VOID_PENDING, DAY, Optional.of(EntryId.of("pa")), Optional.empty()),
                    entry(owner, "vb", 4, EntryKind.VOID_PENDING, DAY, Optional.of(EntryId.of("pb")),
                            Optional.empty()));
        }
    }

    @Test
    void expiredPendingIsListedUntilResolved() {
        insert(
                    entry(tenant, "p1", 1, EntryKind.PENDING, DAY, Optional.empty(), Optional.of(NOW),
                            dr("1", 1), cr("2", 1)),
                    entry(tenant, "p2", 2, EntryKind.PENDING, DAY, Optional.empty(), Optional.of(NOW.plusSeconds(60)),
                            dr("1", 1), cr("2", 1)));
        assertThat(tx.<List<PendingRef>>inTransaction(uow -> store.expiredPending(uow, NOW, Optional.empty(), 100)))
                .contains(new PendingRef(tenant, EntryId.of("p1"), NOW)).doesNotContain(new PendingRef(tenant,
                        EntryId.of("p2"), NOW.plusSeconds(60)));
        insert(entry(tenant, "v1", 3, EntryKind.VOID_PENDING, DAY,
                    Optional.of(EntryId.of("p1")), Optional.empty()));
        assertThat(tx.<List<PendingRef>>inTransaction(uow -> store.expiredPending(uow, NOW.plusSeconds(60), Optional.empty(), 100)))
                .contains(new PendingRef(tenant, EntryId.of("p2"), NOW.plusSeconds(60)))
                .doesNotContain(new PendingRef(tenant, EntryId.of("p1"), NOW));
    }

    @Test
    void balanceAndDailyDeltasAddUp() {
        BalanceKey bank = new BalanceKey(tenant, AccountId.of("1000"), BDT);
        BalanceKey bankUsd = new BalanceKey(tenant, AccountId.of("1000"), USD);
        tx.inTransaction(uow -> {
            store.addToBalances(uow, List.of(new BalanceRow(bank, 10, 3, 5, 0), new BalanceRow(bankUsd, 1, 0, 0, 0)));
            store.addToBalances(uow, List.of(new BalanceRow(bank, 1, 1, -5, 2)));
            store.addToDailyTotals(uow, List.of(new DailyTotal(bank, DAY, 10, 3),
                    new DailyTotal(bank, DAY.plusDays(1), 1, 1)));
            store.addToDailyTotals(uow, List.of(new DailyTotal(bank, DAY, 5, 0)));
            return null;
        });
        assertThat(tx.<Map<BalanceKey, BalanceRow>>inTransaction(uow -> store.findBalances(uow, Set.of(bank, bankUsd,
                new BalanceKey(other, AccountId.of("1000"), BDT)))))
                .containsOnly(Map.entry(bank, new BalanceRow(bank, 11, 4, 0, 2)),
                        Map.entry(bankUsd, new BalanceRow(bankUsd, 1, 0, 0, 0)));
        assertThat(tx.<AccountTotal>inTransaction(uow -> store.totalAsOf(uow, bank, DAY.minusDays(1))))
                .isEqualTo(new AccountTotal(AccountId.of("1000"), BDT, 0, 0));
        assertThat(tx.<AccountTotal>inTransaction(uow -> store.totalAsOf(uow, bank, DAY)))
                .isEqualTo(new AccountTotal(AccountId.of("1000"), BDT, 15, 3));
        assertThat(tx.<List<AccountTotal>>inTransaction(uow -> store.totalsBetween(uow, tenant, LocalDate.MIN, DAY.plusDays(5))))
                .containsExactly(new AccountTotal(AccountId.of("1000"), BDT, 16, 4));
        assertThat(tx.<List<AccountTotal>>inTransaction(uow -> store.totalsBetween(uow, tenant, DAY.plusDays(1), DAY.plusDays(1))))
                .containsExactly(new AccountTotal(AccountId.of("1000"), BDT, 1, 1));
        assertThat(tx.<List<AccountTotal>>inTransaction(uow -> store.totalsBetween(uow, other, LocalDate.MIN, DAY))).isEmpty();
        assertThat(tx.<List<DailyTotal>>inTransaction(uow -> store.dailyTotals(uow, bank, DAY.minusDays(3),
                DAY.plusDays(3)))).containsExactly(new DailyTotal(bank, DAY, 15, 3),
                        new DailyTotal(bank, DAY.plusDays(1), 1, 1));
        assertThat(tx.<List<DailyTotal>>inTransaction(uow -> store.dailyTotals(uow, bank, DAY.plusDays(1),
                DAY.plusDays(1)))).containsExactly(new DailyTotal(bank, DAY.plusDays(1), 1, 1));
        assertThat(tx.<List<DailyTotal>>inTransaction(uow -> store.dailyTotals(uow, bankUsd, DAY, DAY))).isEmpty();
        assertThat(tx.<List<DailyTotal>>inTransaction(uow -> store.dailyTotals(uow,
                new BalanceKey(other, AccountId.of("1000"), BDT), DAY, DAY))).isEmpty();
    }

    @Test
    void statementLinesComeInOrderAndResumeAfterAPosition() {
        insert(
                    entry(tenant, "s1", 1, EntryKind.STANDARD, DAY.plusDays(1), Optional.empty(), Optional.empty(),
                            dr("1000", 1), cr("3000", 1)),
                    entry(tenant, "s2", 2, EntryKind.STANDARD, DAY, Optional.empty(), Optional.empty(),
                            dr("1000", 2), dr("1000", 3), cr("3000", 5)),
                    entry(tenant, "s3", 3, EntryKind.PENDING, DAY, Optional.empty(), Optional.empty(),
                            dr("1000", 7), cr("3000", 7)),
                    entry(tenant, "s4", 4, EntryKind.CLOSING, DAY, Optional.empty(), Optional.empty(),
                            cr("1000", 4), dr("3000", 4)));
        BalanceKey bank = new BalanceKey(tenant, AccountId.of("1000"), BDT);
        List<StatementLine> all = tx.inTransaction(uow -> store.statementLines(uow, bank, DAY, DAY.plusDays(1),
                Optional.empty(), 10));
        assertThat(all).extracting(line -> line.entryId().value() + "/" + line.lineNo() + "/" + line.amountMinor())
                .as("pending lines are not posted lines").containsExactly("s2/0/2", "s2/1/3", "s4/0/4", "s1/0/1");
        List<StatementLine> rest = tx.inTransaction(uow -> store.statementLines(uow, bank, DAY, DAY.plusDays(1),
                Optional.of(new StatementPosition(DAY, 2, 1)), 10));
        assertThat(rest).extracting(StatementLine::seq).containsExactly(4L, 1L);
        assertThat(tx.<List<AccountTotal>>inTransaction(uow -> store.totalsOfKind(uow, tenant, EntryKind.CLOSING, DAY, DAY)))
                .containsExactlyInAnyOrder(new AccountTotal(AccountId.of("1000"), BDT, 0, 4),
                        new AccountTotal(AccountId.of("3000"), BDT, 4, 0));
    }

    @Test
    void chainLinksAppendOncePerSeq() {
        insert(entry(tenant, "c1", 1, EntryKind.STANDARD, DAY, Optional.empty(),
                    Optional.empty(), dr("1", 1), cr("2", 1)));
        assertThat(tx.<List<TenantId>>inTransaction(uow -> store.tenantsWithUnchainedEntries(uow, 10_000))).contains(tenant);
        List<ChainLink> links = List.of(new ChainLink(1, EntryId.of("c1"), "f".repeat(64)));
        assertThat(tx.<Boolean>inTransaction(uow -> store.appendLinks(uow, tenant, links))).isTrue();
        assertThat(tx.<Boolean>inTransaction(uow -> store.appendLinks(uow, tenant, links))).as("already chained").isFalse();
        assertThat(tx.<Optional<ChainLink>>inTransaction(uow -> store.lastLink(uow, tenant))).contains(links.getFirst());
        assertThat(tx.<List<ChainLink>>inTransaction(uow -> store.linksAfter(uow, tenant, 0, 10))).isEqualTo(links);
        assertThat(tx.<Optional<ChainLink>>inTransaction(uow -> store.lastLink(uow, other))).isEmpty();
    }

    @Test
    void aRolledBackUnitOfWorkLeavesNothing() {
        assertThatThrownBy(() -> tx.inTransaction(uow -> {
            store.insertEntries(uow, List.of(entry(tenant, "r1", 1, EntryKind.STANDARD, DAY, Optional.empty(),
                    Optional.empty(), dr("1", 1), cr("2", 1))));
            store.addToBalances(uow, List.of(new BalanceRow(new BalanceKey(tenant, AccountId.of("1"), BDT), 1, 0, 0,
                    0)));
            throw new IllegalStateException("caller fails after writing");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(tx.<List<StoredEntry>>inTransaction(uow -> store.entriesAfter(uow, tenant, 0, 10))).isEmpty();
        assertThat(tx.<List<BalanceRow>>inTransaction(uow -> store.listBalances(uow, tenant))).isEmpty();
    }
}
