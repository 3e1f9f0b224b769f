package io.travobooks.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.travobooks.server.auth.Caller;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request as a handler sees it: the caller (from the credential), and path, query and body already checked
 * against the contract, so a handler reads them without checking their form again.
 */
public final class Call {
    private final Optional<Caller> caller;
    private final Map<String, String> pathParameters;
    private final Map<String, String> queryParameters;
    private final JsonNode body;
    private final byte[] rawBody;
    private final String requestId;
    private final Function<String, Optional<String>> headers;
    private final String remoteAddress;
    private final AuditNote audit = new AuditNote();

    public Call(Optional<Caller> caller, Map<String, String> pathParameters, Map<String, String> queryParameters,
                JsonNode body, byte[] rawBody, String requestId, Function<String, Optional<String>> headers,
                String remoteAddress) {
        this.caller = caller;
        this.pathParameters = Map.copyOf(pathParameters);
        this.queryParameters = Map.copyOf(queryParameters);
        this.body = body == null ? MissingNode.getInstance() : body;
        this.rawBody = rawBody; // the pipeline's own copy of the request's bytes, made for this call alone
        this.requestId = requestId;
        this.headers = headers;
        this.remoteAddress = remoteAddress;
    }

    /** What this request's audit line says beyond what the pipeline knows. */
    public AuditNote audit() {
        return audit;
    }

    /** The address the request came from (behind a proxy: the proxy's). */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The path's parameters, as the contract names them. */
    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    public Map<String, String> queryParameters() {
        return queryParameters;
    }

    public Caller caller() {
        return caller.orElseThrow(() -> new IllegalStateException("a public operation has no caller"));
    }

    public TenantId tenant() {
        return caller().tenant();
    }

    public RequestContext context() {
        return caller().context();
    }

    public String path(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the contract declares no path parameter " + name);
        }
        return value;
    }

    public Optional<String> query(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    public int queryInt(String name, int absent) {
        return query(name).map(Integer::parseInt).orElse(absent);
    }

    public Optional<LocalDate> queryDate(String name) {
        return query(name).map(LocalDate::parse);
    }

    public JsonNode body() {
        return body;
    }

    /** The body's bytes as they arrived: what a sender's signature covers. */
    public byte[] rawBody() {
        return rawBody.clone();
    }

    /** The body as a request record; the contract has checked its shape already. */
    public <T> T bodyAs(Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw ApiProblem.invalid("", e.getOriginalMessage());
        }
    }

    /** A request header's first value (content negotiation; the contract's header parameters are checked). */
    public Optional<String> header(String name) {
        return headers.apply(name);
    }

    public String requestId() {
        return requestId;
    }
}
