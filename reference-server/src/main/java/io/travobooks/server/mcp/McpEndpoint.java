package io.travobooks.server.mcp;

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
import io.travobooks.server.http.Response;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * MCP's streamable HTTP transport, stateless, on the server's own routing: each POST to {@value #PATH} carries one
 * JSON-RPC message from a client that presents a credential of this server, and gets its answer as JSON (a
 * notification: 202). There is no session and no stream, so GET and DELETE are 405 and any node answers any
 * request. A request without a valid credential gets 401 with a challenge naming the resource metadata
 * (RFC 9728) at {@value #METADATA_PATH}, which tells a client how to present one.
 */
public final class McpEndpoint implements McpStatelessServerTransport {
    public static final String PATH = "/mcp";
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";
    private static final String JSON = "application/json";
    private static final String EVENT_STREAM = "text/event-stream";

    private final Pipeline pipeline;
    private final long maxBodyBytes;
    private final List<String> allowedOrigins;
    private final McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
    private volatile McpStatelessServerHandler handler;
    private final McpStatelessSyncServer server;

    private McpEndpoint(Pipeline pipeline, OpenApiContract contract, long maxBodyBytes, List<String> allowedOrigins,
                        String version) {
        this.pipeline = pipeline;
        this.maxBodyBytes = maxBodyBytes;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.server = AgentServer.start(this, pipeline, contract, version); // calls setMcpHandler
    }

    /**
     * Routes MCP and its resource metadata. {@code allowedOrigins}: the origins whose pages may call it from a
     * browser (others are refused, against DNS rebinding); a client that sends no Origin is no browser.
     */
    public static McpEndpoint route(HttpRouting.Builder routing, Pipeline pipeline, OpenApiContract contract,
                                    long maxBodyBytes, List<String> allowedOrigins, String version) {
        McpEndpoint endpoint = new McpEndpoint(pipeline, contract, maxBodyBytes, allowedOrigins, version);
        routing.post(PATH, endpoint::post)
                .get(PATH, McpEndpoint::noStream)
                .delete(PATH, McpEndpoint::noStream)
                .get(METADATA_PATH, endpoint::metadata)
                .get(METADATA_PATH + PATH, endpoint::metadata);
        return endpoint;
    }

    @Override
    public void setMcpHandler(McpStatelessServerHandler handler) {
        this.handler = handler;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    /** Frees the MCP server (the web server stops first); it closes this transport in turn. */
    public void stop() {
        server.close();
    }

    private void post(ServerRequest request, ServerResponse response) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !allowedOrigins.contains(origin.get())) {
            problem(response, new ApiProblem(403, "ORIGIN_NOT_ALLOWED", "Origin not allowed",
                    "pages of " + origin.get() + " may not call this server"), request);
            return;
        }
        Caller caller;
        try {
            caller = pipeline.authenticate(request.headers().first(HeaderNames.AUTHORIZATION),
                    request.remotePeer().host());
        } catch (ApiProblem refused) {
            problem(response, refused.status() == 401 ? challenge(refused, request) : refused, request);
            return;
        }
        Optional<ApiProblem> unfit = unfit(request);
        if (unfit.isPresent()) {
            problem(response, unfit.get(), request);
            return;
        }
        byte[] body = request.content().as(byte[].class);
        if (body.length > maxBodyBytes) {
            problem(response, new ApiProblem(413, "BODY_TOO_LARGE", "Body too large",
                    "bodies are limited to " + maxBodyBytes + " bytes"), request);
            return;
        }
        McpTransportContext context = McpTransportContext.create(Map.of(AgentServer.CALLER, caller,
                AgentServer.ADDRESS, request.remotePeer().host()));
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, new String(body, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            rpcError(response, null, -32700, "the body is not one JSON-RPC message");
            return;
        }
        switch (message) {
            case McpSchema.JSONRPCRequest call -> {
                McpSchema.JSONRPCResponse answer = handler.handleRequest(context, call).block();
                response.status(Status.OK_200).header(HeaderNames.CONTENT_TYPE, JSON).send(write(answer));
            }
            case McpSchema.JSONRPCNotification notification -> {
                handler.handleNotification(context, notification).block();
                response.status(Status.ACCEPTED_202).send();
            }
            default -> rpcError(response, null, -32600, "a client sends requests and notifications only");
        }
    }

    /** What makes a request one MCP's streamable HTTP transport does not take, before its body is read. */
    private Optional<ApiProblem> unfit(ServerRequest request) {
        String type = request.headers().contentType().map(t -> t.mediaType().text()).orElse("");
        if (!type.toLowerCase(Locale.ROOT).equals(JSON)) {
            return Optional.of(new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "send the JSON-RPC message as application/json"));
        }
        String accept = String.join(",", request.headers().all(HeaderNames.ACCEPT, List::of));
        if (!accept.contains(JSON) || !accept.contains(EVENT_STREAM)) {
            return Optional.of(ApiProblem.invalid("Accept", "an MCP client accepts " + JSON + " and "
                    + EVENT_STREAM));
        }
        Optional<String> version = request.headers().first(HeaderNames.create("MCP-Protocol-Version"));
        if (version.isPresent() && !protocolVersions().contains(version.get())) {
            return Optional.of(ApiProblem.invalid("MCP-Protocol-Version", "this server speaks "
                    + String.join(", ", protocolVersions())));
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

    /** RFC 9728 protected-resource metadata: this server's own bearer credentials, sent in the header. */
    private void metadata(ServerRequest request, ServerResponse response) {
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

    private void rpcError(ServerResponse response, Object id, int code, String message) {
        response.status(Status.BAD_REQUEST_400).header(HeaderNames.CONTENT_TYPE, JSON).send(write(
                McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(code, message))));
    }

    private static void problem(ServerResponse response, ApiProblem problem, ServerRequest request) {
        Response answer = Problems.response(problem, PATH, Pipeline.newRequestId());
        response.status(answer.status()).header(HeaderNames.CONTENT_TYPE, answer.contentType());
        answer.headers().forEach(response::header);
        response.send(answer.body());
    }

    private byte[] write(Object message) {
        try {
            return json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON-RPC message always writes", e);
        }
    }
}
