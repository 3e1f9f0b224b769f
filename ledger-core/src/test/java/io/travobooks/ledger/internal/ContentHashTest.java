package io.travobooks.ledger.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashes already stored (entries' fingerprints, the audit trail's links) must keep their values: the expected values
 * were computed apart from this code, with Python's hashlib over the same length-prefixed bytes.
 */
class ContentHashTest {

    @Test
    void hashesEachFieldAfterItsFourByteLength() {
        assertThat(new ContentHash().field("a").field("bc").hex())
                .isEqualTo("b534ce16ac9c8b36823f39a395ce8e0e3c7ad9605b82b5444f18cadacd217a5d");
    }

    @Test
    void countsLengthsInUtf8BytesAndTakesFieldsLongerThanItsFirstBuffer() {
        assertThat(new ContentHash().field("x".repeat(300)).field("টাকা").field("").hex())
                .isEqualTo("8b91547a28eee4e3394a8f6cac00abdc0732cd939d3e117850c1cda33eceb444");
    }

    @Test
    void noFieldsIsTheHashOfNothing() {
        assertThat(new ContentHash().hex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
