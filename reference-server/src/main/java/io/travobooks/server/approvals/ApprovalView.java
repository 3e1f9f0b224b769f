package io.travobooks.server.approvals;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.Json;
import io.travobooks.spi.approval.ApprovalRecord;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A held request as the API shows it: what was asked (the operation and the request that will run), its payload's
 * hash (what a checker approves), by whom, until when, and what was decided. A pending request past its time shows
 * as EXPIRED: no one can decide it any more.
 */
public record ApprovalView(String id, String operation, String status, String payloadHash, JsonNode request,
                           String maker, Instant requestedAt, Instant expiresAt, Optional<String> checker,
                           Optional<Instant> decidedAt, Optional<String> reason) {
    public static ApprovalView of(ApprovalRecord record, Instant now) {
        boolean expired = record.status() == ApprovalRecord.Status.PENDING && !now.isBefore(record.expiresAt());
        return new ApprovalView(record.id(), record.operation(), expired ? "EXPIRED" : record.status().name(),
                record.payloadHash(),
                Json.readBody(record.payload().getBytes(StandardCharsets.UTF_8)), record.maker(),
                record.requestedAt(), record.expiresAt(), record.checker(), record.decidedAt(), record.reason());
    }
}
