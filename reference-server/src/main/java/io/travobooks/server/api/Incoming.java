package io.travobooks.server.api;

import io.travobooks.server.auth.Caller;
import io.travobooks.server.contract.Operation;

import java.util.Map;
import java.util.Optional;

/**
 * A request as the pipeline reads it: one that came over HTTP, or one made in the process for a caller the
 * server already knows (a tool call of an AI agent), which then goes through the same steps.
 */
interface Incoming {
    /** The caller, when the request was made for one already authenticated; else the credential decides. */
    Optional<Caller> knownCaller();

    Optional<String> header(String name);

    /** A parameter of the operation, as sent (path, query or header). */
    Optional<String> parameter(Operation.Parameter parameter);

    /** The path as sent, percent-encoding kept: part of an Idempotency-Key's fingerprint. */
    String rawPath();

    String remoteAddress();

    /** The body's bytes, checked for size and type; empty without one. */
    Optional<byte[]> body();

    /** What the audit line says of the request beyond what the pipeline knows; a request with some is audited. */
    default Map<String, String> auditDetail() {
        return Map.of();
    }
}
