package io.travobooks.server.http;

import io.travobooks.spi.ErrorCode;
import io.travobooks.spi.Rejection;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the server answers with an RFC 9457 problem: thrown by the pipeline and by handlers, written in one
 * place ({@link Problems}). {@code code} is stable: clients branch on it, so a code never changes meaning.
 */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public ApiProblem(int status, String code, String title, String detail, List<FieldError> errors,
                      Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of(), Map.of());
    }

    public static ApiProblem invalid(List<FieldError> errors) {
        return new ApiProblem(400, "INVALID_REQUEST", "The request does not match the API contract",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid", errors, Map.of());
    }

    public static ApiProblem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ApiProblem unauthorized(boolean credentialSent) {
        String challenge = credentialSent ? "Bearer realm=\"travobooks\", error=\"invalid_token\""
                : "Bearer realm=\"travobooks\"";
        return new ApiProblem(401, "UNAUTHENTICATED", "A valid credential is needed",
                credentialSent ? "the API key or session is unknown, expired or revoked"
                        : "send an API key or a session token as Authorization: Bearer <token>",
                List.of(), Map.of("WWW-Authenticate", challenge));
    }

    public static ApiProblem forbidden(String scope) {
        return new ApiProblem(403, "FORBIDDEN", "The credential lacks a scope",
                "this operation needs the scope " + scope);
    }

    /** An operation on a signed-in person's own account, asked with an API key. */
    public static ApiProblem notASession() {
        return new ApiProblem(400, "NOT_A_SESSION", "Not a person's session",
                "this operation is for a signed-in person; the request carries an API key");
    }

    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "NOT_FOUND", "Not found", what);
    }

    /** A resource the path names is not in the caller's tenant, under the library's code for its kind. */
    public static ApiProblem notFound(ErrorCode code, String what) {
        return notFound(code.name(), what);
    }

    /** As {@link #notFound(ErrorCode, String)}, for the server's own resources. */
    public static ApiProblem notFound(String code, String what) {
        return new ApiProblem(404, code, "Not found", what);
    }

    /** The library refused a well-formed request: its code, as the library names it. */
    public static ApiProblem refused(Rejection rejection) {
        return refused(422, rejection);
    }

    /** A refusal answered with another status: 404 when what is missing is the resource the path names. */
    public static ApiProblem refused(int status, Rejection rejection) {
        return new ApiProblem(status, rejection.code().name(), status == 404 ? "Not found" : "Refused",
                rejection.detail());
    }

    /**
     * A 429: {@code detail} ends with when to try again, and {@code Retry-After} says it in whole seconds, rounded
     * up (a client that waits that long finds a permit).
     */
    public static ApiProblem throttled(String code, String title, String detail, Duration retryAfter,
                                       Map<String, String> moreHeaders) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Map<String, String> headers = new HashMap<>(moreHeaders);
        headers.put("Retry-After", Long.toString(seconds));
        return new ApiProblem(429, code, title, detail + "; try again in " + seconds + " s", List.of(), headers);
    }

    public static ApiProblem bodyTooLarge(long maxBytes) {
        return new ApiProblem(413, "BODY_TOO_LARGE", "Body too large", "bodies are limited to " + maxBytes + " bytes");
    }

    /** A body not sent as {@code application/json}; {@code what}: what the body is. */
    public static ApiProblem unsupportedMediaType(String what) {
        return new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                "send " + what + " as application/json");
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(409, code, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
