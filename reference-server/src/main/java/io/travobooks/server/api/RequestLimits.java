package io.travobooks.server.api;

import io.travobooks.server.auth.Caller;
import io.travobooks.server.config.Limits;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.spi.ratelimit.RateGrant;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limits of the API: every authenticated request takes a permit from its tenant's bucket, its credential's
 * and its address's (GCRA in the coordination's rate limiter, so every node shares them on Redis), and is answered
 * 429 with {@code Retry-After} when one is empty. Every answer carries {@code RateLimit-Limit},
 * {@code RateLimit-Remaining} and {@code RateLimit-Reset} of the bucket closest to empty.
 *
 * <p>A round trip to Redis per request would cost more than most reads, so a node takes permits in batches of up
 * to a thousandth of the limit and hands them out locally for up to {@link #LEASE}. Permits a node took and did not
 * use are lost when the lease ends: the limits err on the strict side, by at most a batch per node, bucket and
 * second.
 */
public final class RequestLimits {
    static final Duration LEASE = Duration.ofSeconds(1);
    private static final int MAX_BATCH = 1000;
    private static final int MAX_LEASES = 100_000;

    private final RateLimiter limiter;
    private final Limits limits;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();

    public RequestLimits(RateLimiter limiter, Limits limits) {
        this.limiter = limiter;
        this.limits = limits;
    }

    /** What one bucket said about a request: the headers it contributes. */
    record Standing(long limit, long remaining, Duration reset) {
        Map<String, String> headers() {
            return Map.of("RateLimit-Limit", Long.toString(limit), "RateLimit-Remaining", Long.toString(remaining),
                    "RateLimit-Reset", Long.toString(Math.max(0, (reset.toMillis() + 999) / 1000)));
        }
    }

    /** Takes the request's permits; throws the 429 when a bucket is empty; answers the headers to send. */
    Map<String, String> take(Caller caller, String address) {
        // Narrowest first: a client past its own limit takes nothing more from its tenant's.
        Standing from = take("address:" + address, perMinute(limits.perAddressPerMinute()));
        Standing credential = take("credential:" + caller.actor(), perMinute(limits.perCredentialPerMinute()));
        Standing tenant = take("tenant:" + caller.tenant().value(),
                perMinute(limits.perTenantPerMinute(caller.tenant().value())));
        Standing tightest = from;
        for (Standing other : List.of(credential, tenant)) {
            if (other.remaining() < tightest.remaining()) {
                tightest = other;
            }
        }
        return tightest.headers();
    }

    private static RateLimit perMinute(int requests) {
        return new RateLimit(requests, requests, Duration.ofMinutes(1));
    }

    private Standing take(String bucket, RateLimit limit) {
        long now = System.nanoTime();
        Lease lease = leases.get(bucket);
        if (lease != null) {
            Standing standing = lease.take(now, limit);
            if (standing != null) {
                return standing;
            }
        }
        if (leases.size() >= MAX_LEASES) {
            leases.clear(); // leases are a second long: a full map holds mostly dead ones
        }
        // One refill per bucket at a time: requests that find the lease spent wait for the new one, not for Redis
        // each, and no batch is taken only to be overwritten.
        Standing[] taken = new Standing[1];
        leases.compute(bucket, (key, current) -> {
            if (current != null) {
                taken[0] = current.take(now, limit);
                if (taken[0] != null) {
                    return current; // another request refilled it meanwhile
                }
            }
            RateGrant grant = limiter.tryAcquireUpTo("limit:" + bucket, limit, batch(limit));
            if (grant.granted() == 0) {
                throw ApiProblem.throttled("RATE_LIMITED", "Too many requests", "the " + key.substring(0,
                        key.indexOf(':')) + "'s limit of " + limit.permits() + " requests a minute is used up",
                        grant.retryAfter(), new Standing(limit.burst(), 0, grant.retryAfter()).headers());
            }
            Lease fresh = new Lease(grant.granted() - 1, grant.remaining(), now + LEASE.toNanos());
            taken[0] = fresh.standing(limit, grant.granted() - 1);
            return fresh;
        });
        return taken[0];
    }

    /** A thousandth of the limit: a node wastes at most that, a second, of a bucket that refills a sixtieth. */
    private static int batch(RateLimit limit) {
        return (int) Math.max(1, Math.min(MAX_BATCH, limit.burst() / 1000));
    }

    /** Permits taken from the shared bucket and not yet handed out, until {@code expiresAtNanos}. */
    private static final class Lease {
        private final AtomicLong left;
        private final long remainingBehind;
        private final long expiresAtNanos;

        Lease(long left, long remainingBehind, long expiresAtNanos) {
            this.left = new AtomicLong(left);
            this.remainingBehind = remainingBehind;
            this.expiresAtNanos = expiresAtNanos;
        }

        /** One permit of this lease, or null when it is used up or over. */
        Standing take(long now, RateLimit limit) {
            if (now - expiresAtNanos >= 0) {
                return null;
            }
            long after = left.decrementAndGet();
            return after < 0 ? null : standing(limit, after);
        }

        Standing standing(RateLimit limit, long leftHere) {
            long remaining = remainingBehind + leftHere;
            Duration untilFull = Duration.ofNanos((limit.burst() - remaining) * limit.period().toNanos()
                    / limit.permits());
            return new Standing(limit.burst(), remaining, untilFull);
        }
    }
}
