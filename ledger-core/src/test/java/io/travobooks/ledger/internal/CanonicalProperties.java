package io.travobooks.ledger.internal;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryKind;
import io.travobooks.spi.ledger.EntryLine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Fingerprints and audit hashes rest on this encoding: two contents may encode alike only when they are equal. */
class CanonicalProperties {

    /** Keys and values drawn from few characters, separators included, so that near-collisions are common. */
    @Provide
    Arbitrary<Map<String, String>> maps() {
        Arbitrary<String> text = Arbitraries.strings().withChars("ab,=: {}0123456789").ofMaxLength(6);
        return Arbitraries.maps(text.filter(key -> !key.isEmpty()), text).ofMaxSize(4);
    }

    @Property(tries = 3000)
    void mapsEncodeAlikeOnlyWhenEqual(@ForAll("maps") Map<String, String> a, @ForAll("maps") Map<String, String> b) {
        assertThat(Canonical.of(a).equals(Canonical.of(b))).isEqualTo(a.equals(b));
    }

    @Property(tries = 1000)
    void entriesWithDifferentMetadataNeverFingerprintAlike(@ForAll("maps") Map<String, String> a,
                                                          @ForAll("maps") Map<String, String> b) {
        String hashA = ContentHash.of(withMetadata(a).fingerprint());
        String hashB = ContentHash.of(withMetadata(b).fingerprint());
        assertThat(hashA.equals(hashB)).isEqualTo(a.equals(b));
    }

    @Example
    void aSeparatorInsideAValueDoesNotFakeASecondPair() {
        assertThat(Canonical.of(Map.of("k", "a, l=b"))).isNotEqualTo(Canonical.of(Map.of("k", "a", "l", "b")));
        assertThat(Canonical.of(Map.of(Dimension.DOCUMENT_NUMBER, "d, BOOKING_ID=b"), Enum::name))
                .isNotEqualTo(Canonical.of(Map.of(Dimension.DOCUMENT_NUMBER, "d", Dimension.BOOKING_ID, "b"),
                        Enum::name));
    }

    private static PostingCommand.NewEntry withMetadata(Map<String, String> metadata) {
        JournalEntry.Builder entry = JournalEntry.builder("e1", LocalDate.of(2026, 3, 10)).description("sale")
                .lines(List.of(EntryLine.debit(AccountId.of("1000"), Money.of("1", "BDT")),
                        EntryLine.credit(AccountId.of("4300"), Money.of("1", "BDT"))));
        metadata.forEach(entry::metadata);
        return new PostingCommand.NewEntry(new RequestContext(TenantId.of("t1"), "test"), EntryKind.STANDARD,
                entry.build(), Optional.empty());
    }
}
