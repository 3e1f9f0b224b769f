package io.travobooks.identity;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryCodesTest {
    @Test
    void tenDistinctCodesInFourGroupsOfCrockfordBase32() {
        List<String> codes = RecoveryCodes.generate();
        assertThat(codes).hasSize(RecoveryCodes.COUNT);
        assertThat(new HashSet<>(codes)).hasSize(RecoveryCodes.COUNT);
        assertThat(codes).allMatch(code -> code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"));
    }

    @Test
    void aCodeMatchesItsHashOnceTheCallerDropsIt() {
        List<String> codes = RecoveryCodes.generate();
        List<String> stored = new ArrayList<>(codes.stream().map(RecoveryCodes::hash).toList());
        assertThat(stored).noneMatch(codes::contains);
        String used = codes.get(3);
        assertThat(RecoveryCodes.match(used, stored)).hasValue(stored.get(3));
        stored.remove(RecoveryCodes.match(used, stored).orElseThrow());
        assertThat(RecoveryCodes.match(used, stored)).isEmpty();
        assertThat(RecoveryCodes.match(codes.get(4), stored)).isPresent();
    }

    @Test
    void typingIsForgiven() {
        List<String> stored = List.of(RecoveryCodes.hash("0000-1111-AAAA-BBBB"));
        assertThat(RecoveryCodes.match("oooo llll aaaa-bbbb", stored)).isPresent();
        assertThat(RecoveryCodes.match("0000IIII\u00a0AAAABBBB", stored)).as("a no-break space, pasted").isPresent();
    }

    @Test
    void anythingElseMatchesNothing() {
        List<String> stored = List.of(RecoveryCodes.hash("0000-1111-AAAA-BBBB"));
        assertThat(RecoveryCodes.match("0000-1111-AAAA-BBBC", stored)).isEmpty();
        assertThat(RecoveryCodes.match("", stored)).isEmpty();
        assertThat(RecoveryCodes.match(null, stored)).isEmpty();
        assertThat(RecoveryCodes.match("0000-1111-AAAA-BBBB", List.of())).isEmpty();
        assertThat(RecoveryCodes.match("0000-1111-AAAA-BBBB", java.util.Arrays.asList(null, stored.getFirst())))
                .hasValue(stored.getFirst());
    }
}
