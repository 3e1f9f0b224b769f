package io.travobooks.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An answer of the server that was not a success, as its RFC 9457 problem says: the HTTP status, the stable
 * {@code code} (the library's typed codes, such as {@code LEDGER_UNBALANCED}), the detail and the fields at
 * fault. A client branches on the code, never on the text.
 */
public final class TravoProblem extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A field at fault: its JSON pointer in the request and what is wrong with it. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final Optional<Long> retryAfterSeconds;

    TravoProblem(int status, String code, String detail, List<FieldError> errors, Optional<Long> retryAfterSeconds,
                 Throwable cause) {
        super(status + " " + code + ": " + detail, cause);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The problem a server's answer holds; for an answer that holds none, one named by its status. */
    static TravoProblem of(int status, String body, Optional<Long> retryAfterSeconds, Throwable cause) {
        try {
            JsonNode problem = JSON.readTree(body == null ? "" : body);
            if (problem != null && problem.hasNonNull("code")) {
                List<FieldError> errors = new ArrayList<>();
                problem.path("errors").forEach(error -> errors.add(new FieldError(error.path("field").asText(),
                        error.path("message").asText())));
                return new TravoProblem(status, problem.get("code").asText(), problem.path("detail").asText(""),
                        errors, retryAfterSeconds, cause);
            }
        } catch (IOException notJson) {
            // an answer from something in front of the server: named by its status below
        }
        if (status == 0 && cause != null && cause.getCause() instanceof JsonProcessingException) {
            // The server answered, and its answer did not read as the contract says: what it did stands.
            return new TravoProblem(0, "ANSWER_UNREADABLE", String.valueOf(cause.getCause()), List.of(),
                    retryAfterSeconds, cause);
        }
        return new TravoProblem(status, status == 0 ? "NO_ANSWER" : "HTTP_" + status,
                status == 0 ? String.valueOf(cause) : "the answer holds no problem", List.of(), retryAfterSeconds,
                cause);
    }

    /**
     * The HTTP status; 0 when no answer came ({@code NO_ANSWER}) or it could not be read ({@code ANSWER_UNREADABLE}:
     * the server did what was asked).
     */
    public int status() {
        return status;
    }

    /** The stable code of the problem. */
    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** How long the server asked to wait before trying again (429, 503). */
    public Optional<Long> retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
