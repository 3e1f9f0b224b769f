package io.travobooks.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.audit.AuditLog;
import io.travobooks.server.audit.AuditRecord;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.AuditNote;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a request's line to the audit log: every request that changes something or might (every method but GET;
 * GETs too when reads are audited, and those an AI agent's tool made), answered or refused, once its caller is
 * known, or that a handler attributed (signing in). Requests with no one to attribute them to (a credential
 * refused, a provider's hook) are in the access log only.
 */
final class RequestAudit {
    private static final Logger LOG = LoggerFactory.getLogger(RequestAudit.class);

    private final AuditLog log;
    private final boolean reads;
    private final Clock clock;

    RequestAudit(AuditLog log, boolean reads, Clock clock) {
        this.log = log;
        this.reads = reads;
        this.clock = clock;
    }

    void record(Operation operation, Incoming request, String requestId, Exchange exchange, int status) {
        if (operation.method().equals("GET") && !reads && request.auditDetail().isEmpty()) {
            return;
        }
        Optional<AuditNote> note = exchange.call.map(Call::audit);
        String chain;
        String actor;
        if (exchange.caller.isPresent()) {
            chain = exchange.caller.get().tenant().value();
            actor = exchange.caller.get().actor();
        } else if (note.isPresent() && note.get().chain().isPresent()) {
            chain = note.get().chain().orElseThrow();
            actor = note.get().actor().orElseThrow();
        } else {
            return;
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        exchange.body.map(body -> body.get("id")).filter(JsonNode::isTextual)
                .ifPresent(id -> detail.put("id", id.asText())); // the id a client chose for what it creates
        note.ifPresent(n -> detail.putAll(n.detail()));
        detail.putAll(request.auditDetail());
        String resource = new TreeMap<>(exchange.pathValues).entrySet().stream()
                .map(value -> value.getKey() + "=" + value.getValue()).collect(Collectors.joining(","));
        try {
            log.append(new AuditRecord(chain, clock.instant(), actor, operation.operationId(), resource, status,
                    requestId, request.header(Operation.IDEMPOTENCY_KEY), request.remoteAddress(),
                    request.header("User-Agent").orElse(""),
                    AuditRecord.fittingDetail(new String(Json.write(detail), StandardCharsets.UTF_8))));
        } catch (RuntimeException e) {
            // The change is made; an audit log that takes no more lines (closing) must not turn it into an error.
            LOG.error("could not write the audit line of request {} ({} {})", requestId, operation.operationId(),
                    status, e);
        }
    }
}
