package io.travobooks.server.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.http.Json;
import io.travobooks.server.runtime.ServerDatabase;
import io.travobooks.storage.jdbc.SqlTimes;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.approval.ApprovalRecord;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

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

    /**
     * The credential that made a held request ({@code user:<id>} for a person, whichever session they used, or
     * {@code key:<id>}): narrower than its maker's principal, which a person's keys share.
     */
    public static String makerCredential(ApprovalRecord approved) {
        JsonNode maker = Json.readBody(approved.payload().getBytes(StandardCharsets.UTF_8)).get("maker");
        return new Caller(approved.tenant(), Caller.Kind.valueOf(maker.get("kind").asText()), maker.get("id").asText(),
                Optional.empty(), Set.of(), "").actor();
    }

    /**
     * Keeps {@code answer} of approval {@code approvalId} for the credential that made the request to collect;
     * answers that have waited too long are dropped meanwhile.
     */
    public void keep(TenantId tenant, String approvalId, String maker, byte[] answer) {
        String sealed = box.seal(answer, context(tenant, approvalId, maker));
        database.inTransactionRetrying(handle -> {
            handle.createUpdate("DELETE FROM approval_secrets WHERE partner_id = :t AND created_at <= :oldest")
                    .bind("t", tenant.value()).bind("oldest", SqlTimes.text(clock.instant().minus(KEPT))).execute();
            return handle.createUpdate("INSERT INTO approval_secrets (partner_id, approval_id, maker, sealed, "
                            + "created_at) VALUES (:t, :id, :maker, :sealed, :now)")
                    .bind("t", tenant.value()).bind("id", approvalId).bind("maker", maker).bind("sealed", sealed)
                    .bind("now", SqlTimes.text(clock.instant()))
                    .execute();
        });
    }

    /**
     * The answer kept for {@code caller} (the credential that made the request), once: it is gone from the store
     * as it is handed out. Empty when there is none for them, it was collected, or it waited too long.
     */
    public Optional<byte[]> collect(TenantId tenant, String approvalId, String caller) {
        Optional<String> sealed = database.inTransaction(handle -> {
            Optional<String> found = handle.createQuery("SELECT sealed FROM approval_secrets WHERE partner_id = :t "
                            + "AND approval_id = :id AND maker = :maker AND created_at > :oldest FOR UPDATE")
                    .bind("t", tenant.value()).bind("id", approvalId).bind("maker", caller)
                    .bind("oldest", SqlTimes.text(clock.instant().minus(KEPT)))
                    .mapTo(String.class).findOne();
            // Handed out by the one transaction whose delete took the row: never twice.
            return found.filter(gone -> handle.createUpdate("DELETE FROM approval_secrets WHERE partner_id = :t "
                    + "AND approval_id = :id").bind("t", tenant.value()).bind("id", approvalId).execute() == 1);
        });
        return sealed.map(text -> box.open(text, context(tenant, approvalId, caller)));
    }

    /** Each part with its length first, so that no two (tenant, approval, maker) read as one context. */
    private static String context(String... parts) {
        StringBuilder context = new StringBuilder("approval-secret");
        for (String part : parts) {
            context.append(':').append(part.length()).append(':').append(part);
        }
        return context.toString();
    }

    private static String context(TenantId tenant, String approvalId, String maker) {
        return context(tenant.value(), approvalId, maker);
    }
}
