package io.travobooks.spi.idempotency;

import io.travobooks.spi.TenantId;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** The answer to {@link IdempotencyStore#claim}: run the request, wait, replay, or refuse. */
public sealed interface Claim {

    /** This caller runs the request and must {@code complete} or {@code release} the claim. */
    record Acquired(TenantId tenant, String key, String fingerprint, String owner) implements Claim {
        /**
         * A new owner token: random enough never to repeat, but no secret (it never leaves the store), so it is
         * drawn from a per-thread generator rather than the system's secure source, which every claim would wait on.
         */
        public static String newOwner() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
        }
    }

    /** Another caller is running the request with this key right now (HTTP 409, retry later). */
    record InProgress() implements Claim {
    }

    /** The request already ran; answer with its stored response. */
    record Replay(StoredResponse response) implements Claim {
    }

    /** The key was used for a request with a different fingerprint (HTTP 422). */
    record Mismatch() implements Claim {
    }
}
