package io.travobooks.ledger.internal;

import io.travobooks.spi.EntryId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemIdsTest {
    @Test
    void systemIdsNeverLeaveTheirSpaceAndNeverMeet() {
        String tail = "x".repeat(EntryId.MAX_LENGTH - 2);
        EntryId first = SystemIds.expiryVoid(EntryId.of("Aa" + tail));
        EntryId second = SystemIds.expiryVoid(EntryId.of("BB" + tail));
        assertThat(first).isNotEqualTo(second);
        assertThat(SystemIds.isReserved(first)).isTrue();
        assertThat(SystemIds.isReserved(SystemIds.expiryVoid(EntryId.of("hold-1")))).isTrue();
        assertThat(SystemIds.expiryVoid(EntryId.of("hold-1"))).isEqualTo(SystemIds.expiryVoid(EntryId.of("hold-1")));
    }
}
