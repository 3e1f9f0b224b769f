package io.travobooks.cache.redis;

import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.IssuanceObserver;
import io.travobooks.ledger.Ledger;
import io.travobooks.spi.RequestContext;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.HttpSupplierGateway;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The process the crash matrix kills: issues one booking on MariaDB with Redis locks against the simulated airline
 * of the test's process, and at the named step prints {@value #MARKER} and the step, then waits to be killed.
 *
 * <p>Arguments: jdbc url, user, password, redis uri, redis namespace, supplier uri, tenant, booking id, idempotency
 * key, step (an {@link IssuanceObserver.Step}, or "NONE" to let it finish).
 */
public final class CrashingIssuer {
    static final String MARKER = "CRASH-POINT ";
    static final Duration LEASE = Duration.ofSeconds(2);
    /** The airline's timeout: its call timeout is twice this (connect, then answer). */
    static final Duration SUPPLIER_TIMEOUT = Duration.ofSeconds(1);
    /** Past the lease plus the supplier's call timeout, as the booking service requires. */
    static final Duration ISSUING_GRACE = Duration.ofMillis(4500);

    private CrashingIssuer() {
    }

    static BookingServiceOptions options() {
        return BookingServiceOptions.defaults(ZoneId.of("Asia/Dhaka")).withLease(LEASE)
                .withIssuingGrace(ISSUING_GRACE);
    }

    public static void main(String[] args) throws Exception {
        JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(args[0], args[1], args[2]));
        LettuceRedis redis = LettuceRedis.connect(RedisConfig.parse(args[3])).inNamespace(args[4]);
        Ledger ledger = Ledger.open(storage.ledgerStore());
        String crashAt = args[9];
        BookingService service = new BookingService(storage.bookingStore(), storage.outboxStore(), ledger,
                new LettuceLockManager(redis), new HttpSupplierGateway(URI.create(args[5]), SUPPLIER_TIMEOUT),
                tenant -> PostingRuleTemplates.travelAgency(), ApprovalPolicy.NEVER, Clock.systemUTC(), options())
                .observedBy((step, bookingId) -> {
                    if (step.name().equals(crashAt)) {
                        System.out.println(MARKER + step);
                        System.out.flush();
                        sleepForever();
                    }
                });
        System.out.println("RESULT " + service.issue(RequestContext.of(args[6], "crash-test"), args[7], args[8]));
        System.out.flush();
        System.exit(0);
    }

    private static void sleepForever() {
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
