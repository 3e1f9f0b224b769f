package io.travobooks.server.runtime;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.booking.StoredBooking;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeTrackingBookingStoreTest {
    private static final TenantId AGENCY = TenantId.of("agency");

    private final JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("changes_"
            + UUID.randomUUID().toString().substring(0, 8)));
    private final List<String> heard = new CopyOnWriteArrayList<>();
    private final ChangeTrackingBookingStore store = new ChangeTrackingBookingStore(storage.bookingStore(),
            List.of((tenant, id) -> heard.add(tenant.value() + "/" + id)));

    @AfterEach
    void close() {
        storage.close();
    }

    private static StoredBooking booking(String id) {
        return new StoredBooking(AGENCY, id, 1, "HELD", Optional.of("ABC123"), Optional.empty(), Map.of());
    }

    @Test
    void aChangeIsToldOnceItsTransactionCommitted() {
        store.transactions().inTransaction(uow -> {
            store.insert(uow, booking("b1"));
            assertThat(heard).as("not while the transaction is open").isEmpty();
            return null;
        });
        assertThat(heard).containsExactly("agency/b1");
        Optional<StoredBooking> stored = storage.bookingStore().transactions()
                .inTransaction(uow -> store.find(uow, AGENCY, "b1"));
        assertThat(stored).isPresent();
    }

    @Test
    void aFailedTransactionIsToldToo() {
        assertThatThrownBy(() -> store.transactions().inTransaction(uow -> {
            store.insert(uow, booking("b2"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(heard).as("its outcome could be unknown: readers must reload").containsExactly("agency/b2");
    }

    @Test
    void aListenerThatFailsNeitherFailsTheCommandNorSilencesTheOthers() {
        List<String> told = new CopyOnWriteArrayList<>();
        List<String> after = new CopyOnWriteArrayList<>();
        ChangeTrackingBookingStore flaky = new ChangeTrackingBookingStore(storage.bookingStore(), List.of(
                (tenant, id) -> {
                    told.add(id);
                    throw new IllegalStateException("Redis is away");
                },
                (tenant, id) -> after.add(id)));
        String answer = flaky.transactions().inTransaction(uow -> {
            flaky.insert(uow, booking("b3"));
            flaky.insert(uow, booking("b4"));
            return "committed";
        });
        assertThat(answer).isEqualTo("committed");
        assertThat(told).containsExactlyInAnyOrder("b3", "b4");
        assertThat(after).as("the next listener hears all the same").containsExactlyInAnyOrder("b3", "b4");
    }

    @Test
    void readsAreNotChanges() {
        Optional<StoredBooking> none = store.transactions().inTransaction(uow -> store.find(uow, AGENCY, "nothing"));
        assertThat(none).isEmpty();
        assertThat(heard).isEmpty();
    }
}
