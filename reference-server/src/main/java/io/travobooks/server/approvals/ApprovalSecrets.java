package io.travobooks.server.approvals;

import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.storage.jdbc.SqlTimes;
import io.travobooks.spi.TenantId;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The answers of approved requests that made a secret (a new key, a webhook endpoint's signing secret): the approver
 * sees them without it, and the maker collects the whole answer once, within a week. They are kept sealed under the
 * server's secret key, each for its approval and maker.
 */
public final class ApprovalSecrets {
    /** How long an answer waits for its maker. */
    static final Duration KEPT = Duration.ofDays(7);

    private final ServerDatabase database;
    private final SecretBox box;
    private final Clock clock;

    public ApprovalSecrets(ServerDatabase database, SecretBox box, Clock clock) {
        this.database = database;
        this.box = box;
        this.clock = clock;
    }

    /** Keeps {@code answer} of approval {@code approvalId} for its maker (a principal) to collect. */
    public void keep(TenantId tenant, String approvalId, String maker, byte[] answer) {
        String sealed = box.seal(answer, context(tenant, approvalId, maker));
        database.inTransactionRetrying(handle -> handle.createUpdate("INSERT INTO approval_secrets (partner_id, "
                        + "approval_id, maker, sealed, created_at) VALUES (:t, :id, :maker, :sealed, :now)")
                .bind("t", tenant.value()).bind("id", approvalId).bind("maker", maker).bind("sealed", sealed)
                .bind("now", SqlTimes.text(clock.instant()))
                .execute());
    }

    /**
     * The answer kept for {@code caller} (a principal), once: it is gone from the store as it is handed out.
     * Empty when there is none for them, it was collected, or it waited too long.
     */
    public Optional<byte[]> collect(TenantId tenant, String approvalId, String caller) {
        Optional<String> sealed = database.inTransaction(handle -> {
            Optional<String> found = handle.createQuery("SELECT sealed FROM approval_secrets WHERE partner_id = :t "
                            + "AND approval_id = :id AND maker = :maker AND created_at > :oldest FOR UPDATE")
                    .bind("t", tenant.value()).bind("id", approvalId).bind("maker", caller)
                    .bind("oldest", SqlTimes.text(clock.instant().minus(KEPT)))
                    .mapTo(String.class).findOne();
            found.ifPresent(gone -> handle.createUpdate("DELETE FROM approval_secrets WHERE partner_id = :t "
                    + "AND approval_id = :id").bind("t", tenant.value()).bind("id", approvalId).execute());
            return found;
        });
        return sealed.map(text -> box.open(text, context(tenant, approvalId, caller)));
    }

    private static String context(TenantId tenant, String approvalId, String maker) {
        return "approval-secret:" + tenant.value() + ":" + approvalId + ":" + maker;
    }
}
