package io.travobooks.server.mcp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.travobooks.server.api.Pipeline;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Problems;
import io.travobooks.server.http.RequestBodies;
import io.travobooks.server.http.Response;
import io.travobooks.server.mandates.Mandates;
import io.travobooks.server.runtime.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MCP's streamable HTTP transport, stateless, on the server's own routing: each POST to {@value #PATH} carries one
 * JSON-RPC message from a client that presents a credential of this server, and gets its answer as JSON (a
 * notification: 202). There is no session and no stream, so GET and DELETE are 405 and any node answers any
 * request. A request without a valid credential gets 401 with a challenge naming the resource metadata
 * (RFC 9728) at {@value #METADATA_PATH}, which tells a client how to present one. Each POST takes one permit of
 * the caller's rate limits and writes one access-log line, whatever it asks.
 */
public final class McpEndpoint {
    public static final String PATH = "/mcp";
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    private static final Logger ACCESS = LoggerFactory.getLogger("io.travobooks.server.access");
    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";
    /**
     * Reads as strictly as the API's own mapper (a repeated key, trailing tokens and a fraction where an integer
     * belongs are refused; decimals are read exactly), keeping the MCP SDK's own names for its types.
     */
    static final McpJsonMapper STRICT_JSON = new JacksonMcpJsonMapper(new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT));

    private final Pipeline pipeline;
    private final Metrics metrics;
    private final long maxBodyBytes;
    private final List<String> allowedOrigins;
    private final HandlerSlot transport = new HandlerSlot();
    private final McpStatelessSyncServer server;

    /** The SDK's side of the transport: it hands its handler over once, while the server is built. */
    private static final class HandlerSlot implements McpStatelessServerTransport {
        private volatile McpStatelessServerHandler handler;

        @Override
        public void setMcpHandler(McpStatelessServerHandler handler) {
            this.handler = handler;
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }

    private McpEndpoint(Pipeline pipeline, Mandates mandates, Metrics metrics, OpenApiContract contract,
                        long maxBodyBytes, List<String> allowedOrigins, String version) {
        this.pipeline = pipeline;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.allowedOrigins = allowedOrigins.stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
        this.server = AgentServer.start(transport, pipeline, mandates, contract, version);
    }

    /**
     * Routes MCP and its resource metadata. {@code allowedOrigins}: the origins whose pages may call it from a
     * browser (others are refused, against DNS rebinding); a client that sends no Origin is no browser.
     */
    public static McpEndpoint route(HttpRouting.Builder routing, Pipeline pipeline, Mandates mandates,
                                    Metrics metrics, OpenApiContract contract, long maxBodyBytes,
                                    List<String> allowedOrigins, String version) {
        McpEndpoint endpoint = new McpEndpoint(pipeline, mandates, metrics, contract, maxBodyBytes, allowedOrigins,
                version);
        routing.post(PATH, endpoint::post)
                .get(PATH, McpEndpoint::noStream)
                .delete(PATH, McpEndpoint::noStream)
                .get(METADATA_PATH, McpEndpoint::metadata)
                .get(METADATA_PATH + PATH, McpEndpoint::metadata);
        return endpoint;
    }

    /** The names of the tools an agent may be given (a mandate lists some of them). */
    public static Set<String> toolNames() {
        return AgentToolCatalog.names();
    }

    /** Frees the MCP server (the web server stops first); it closes the transport in turn. */
    public void stop() {
        server.close();
    }

    private void post(ServerRequest request, ServerResponse response) {
        long started = System.nanoTime();
        String requestId = Pipeline.newRequestId();
        response.header(HeaderNames.create(Pipeline.REQUEST_ID), requestId);
        int status;
        try {
            status = answer(request, response);
        } catch (ApiProblem problem) {
            status = problem(response, problem, requestId);
        }
        long took = System.nanoTime() - started;
        metrics.request("mcp", "POST", status, took);
        ACCESS.info("POST {} {} {}ms", PATH, status, took / 1_000_000);
    }

    /** Answers one JSON-RPC message; throws the problem that refuses the request before it reaches MCP. */
    private int answer(ServerRequest request, ServerResponse response) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !allowedOrigins.contains(origin.get().toLowerCase(Locale.ROOT))) {
            throw new ApiProblem(403, "ORIGIN_NOT_ALLOWED", "Origin not allowed",
                    "pages of " + origin.get() + " may not call this server");
        }
        String address = request.remotePeer().host();
        Caller caller;
        try {
            caller = pipeline.authenticate(request.headers().first(HeaderNames.AUTHORIZATION), address);
        } catch (ApiProblem refused) {
            throw refused.status() == 401 ? challenge(refused, request) : refused;
        }
        pipeline.admit(caller, address).forEach(response::header);
        transportRefusal(request).ifPresent(problem -> {
            throw problem;
        });
        byte[] body = RequestBodies.read(request, maxBodyBytes);
        McpTransportContext context = McpTransportContext.create(Map.of(AgentServer.CALLER, caller,
                AgentServer.ADDRESS, address, AgentServer.USER_AGENT,
                request.headers().first(HeaderNames.USER_AGENT).orElse("")));
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(STRICT_JSON, new String(body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) { // the SDK throws what its mapper throws on a stranger shape
            return unreadable(response, new String(body, StandardCharsets.UTF_8).strip().startsWith("[") ? -32600
                            : -32700,
                    "the body is not one JSON-RPC message (batches are not taken)");
        }
        McpStatelessServerHandler handler = transport.handler;
        switch (message) {
            case McpSchema.JSONRPCRequest call -> {
                McpSchema.JSONRPCResponse answer;
                try {
                    answer = handler.handleRequest(context, call).block();
                } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                    // the SDK reads params before it answers, and throws on a shape it did not expect
                    LOG.warn("MCP {} with params it could not read", call.method(), e);
                    answer = McpSchema.JSONRPCResponse.error(call.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                            -32602, "the request's params could not be read for " + call.method()));
                } catch (RuntimeException e) {
                    LOG.error("MCP {} failed", call.method(), e);
                    answer = null;
                }
                if (answer == null) {
                    answer = McpSchema.JSONRPCResponse.error(call.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                            -32603, "the server failed on " + call.method()));
                }
                response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, JSON).send(write(answer));
                return 200;
            }
            case McpSchema.JSONRPCNotification notification -> {
                handler.handleNotification(context, notification).onErrorComplete().block();
                response.status(Status.ACCEPTED_202).send();
                return 202;
            }
            default -> { // a client's answer to a server request: there are none here, so it is taken and dropped
                response.status(Status.ACCEPTED_202).send();
                return 202;
            }
        }
    }

    /** What makes a request one MCP's streamable HTTP transport does not take, before its body is read. */
    private Optional<ApiProblem> transportRefusal(ServerRequest request) {
        String type = request.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.toLowerCase(Locale.ROOT).equals(JSON)) {
            return Optional.of(ApiProblem.unsupportedMediaType("the JSON-RPC message"));
        }
        String accept = String.join(",", request.headers().all(HeaderNames.ACCEPT, List::of));
        if (!accept.contains(JSON) || !accept.contains(EVENT_STREAM)) {
            return Optional.of(new ApiProblem(406, "NOT_ACCEPTABLE", "Not acceptable",
                    "an MCP client accepts " + JSON + " and " + EVENT_STREAM));
        }
        Optional<String> version = request.headers().first(HeaderNames.create("MCP-Protocol-Version"));
        if (version.isPresent() && !transport.protocolVersions().contains(version.get())) {
            return Optional.of(ApiProblem.invalid("MCP-Protocol-Version", "this server speaks "
                    + String.join(", ", transport.protocolVersions())));
        }
        return Optional.empty();
    }

    /** The 401 with a challenge that points an MCP client to the resource metadata. */
    private static ApiProblem challenge(ApiProblem refused, ServerRequest request) {
        String challenge = refused.headers().getOrDefault("WWW-Authenticate", "Bearer")
                + ", resource_metadata=\"" + base(request) + METADATA_PATH + PATH + "\"";
        return new ApiProblem(401, refused.code(), refused.title(), refused.detail(), refused.errors(),
                Map.of("WWW-Authenticate", challenge));
    }

    /**
     * RFC 9728 protected-resource metadata: this server's own bearer credentials (API keys, sessions), sent in the
     * header. It names no authorization server: the server issues its credentials itself.
     */
    private static void metadata(ServerRequest request, ServerResponse response) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", base(request) + PATH);
        metadata.put("bearer_methods_supported", List.of("header"));
        metadata.put("scopes_supported", Arrays.stream(Scope.values()).map(Scope::value).toList());
        metadata.put("resource_name", "travoBooks");
        metadata.put("resource_documentation", base(request) + "/docs");
        response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, JSON).send(Json.write(metadata));
    }

    private static String base(ServerRequest request) {
        var uri = request.requestedUri();
        return uri.scheme() + "://" + uri.authority();
    }

    private static void noStream(ServerRequest request, ServerResponse response) {
        response.status(Status.METHOD_NOT_ALLOWED_405).header(HeaderNames.ALLOW, "POST").send();
    }

    /** A JSON-RPC error for a message that could not be read, so has no id (the SDK's types insist on one). */
    private static int unreadable(ServerResponse response, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        error.put("id", null);
        error.put("error", Map.of("code", code, "message", message));
        response.status(Status.BAD_REQUEST_400).header(HeaderNames.CONTENT_TYPE, JSON).send(write(error));
        return 400;
    }

    private static int problem(ServerResponse response, ApiProblem problem, String requestId) {
        Response answer = Problems.response(problem, PATH, requestId);
        response.status(answer.status()).header(HeaderNames.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(response::header);
        response.send(answer.body());
        return answer.status();
    }

    private static byte[] write(Object message) {
        try {
            return STRICT_JSON.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON-RPC message always writes", e);
        }
    }
}
