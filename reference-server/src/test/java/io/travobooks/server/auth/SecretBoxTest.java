package io.travobooks.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {
    private static final String KEY = "q7cQh1m6n0eVh2fX0pYw3a9k5Zt8bR4uL1sD6gJ2vW0=";
    private final byte[] secret = "twenty bytes secret!".getBytes(StandardCharsets.US_ASCII);

    @Test
    void whatIsSealedOpensUnderTheSameKeyOnlyAndUnchangedOnly() {
        SecretBox box = SecretBox.ofBase64(KEY);
        String sealed = box.seal(secret, "t:u1");
        assertThat(sealed).doesNotContain(Base64.getEncoder().encodeToString(secret));
        assertThat(box.seal(secret, "t:u1")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(box.open(sealed, "t:u1")).isEqualTo(secret);
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed, "t:u2")).as("another user's row")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(raw), "t:u1"))
                .isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        assertThatThrownBy(() -> SecretBox.ofBase64(Base64.getEncoder().encodeToString(otherKey)).open(sealed,
                "t:u1"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyFileIsMadeOnceReadableByItsOwnerOnlyAndKeptAfterwards(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("data").resolve("secret.key");
        String sealed = SecretBox.ofFile(file).seal(secret, "t:u1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).hasSize(32);
        assertThat(SecretBox.ofFile(file).open(sealed, "t:u1")).isEqualTo(secret);
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no half-made key beside it").containsExactly(file);
        }
    }
}
