package io.travobooks.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tenant's audit log: read a page at a time (the export), and its chain verified. */
public final class AuditApi {
    private final AuditLog log;

    public AuditApi(AuditLog log) {
        this.log = log;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listAuditLog", this::list,
                "verifyAuditLog", call -> Reply.ok(VerificationView.of(log.verify(call.tenant().value()))));
    }

    public record LineView(long seq, Instant at, String actor, String action, String resource, int status,
                           String requestId, Optional<String> idempotencyKey, String address, String userAgent,
                           JsonNode detail, String hash) {
        static LineView of(AuditRow row) {
            AuditRecord record = row.record();
            return new LineView(row.seq(), record.at(), record.actor(), record.action(), record.resource(),
                    record.status(), record.requestId(), record.idempotencyKey(), record.address(),
                    record.userAgent(), Json.readBody(record.detail().getBytes(StandardCharsets.UTF_8)), row.hash());
        }
    }

    public record VerificationView(boolean intact, long verified, Optional<Long> brokenAt, Optional<String> reason) {
        static VerificationView of(AuditLog.Verification verification) {
            return new VerificationView(verification.intact(), verification.verified(), verification.brokenAt(),
                    verification.reason());
        }
    }

    private Reply list(Call call) {
        int limit = Page.limit(call);
        long after = Page.position(call).map(position -> {
            try {
                return Long.parseLong(position);
            } catch (NumberFormatException e) {
                throw ApiProblem.invalid("cursor", "not a cursor this server gave");
            }
        }).orElse(0L);
        List<AuditRow> rows = log.page(call.tenant().value(), after, limit + 1);
        return Reply.ok(Page.of(rows, limit, row -> Long.toString(row.seq()), LineView::of));
    }
}
