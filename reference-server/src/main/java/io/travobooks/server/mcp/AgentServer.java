package io.travobooks.server.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import io.modelcontextprotocol.util.DefaultMcpUriTemplateManagerFactory;
import io.modelcontextprotocol.util.McpUriTemplateManager;
import io.travobooks.server.api.LocalRequest;
import io.travobooks.server.api.Pipeline;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Json;
import io.travobooks.server.http.Response;
import io.travobooks.server.mandates.MandateCode;
import io.travobooks.server.mandates.Mandates;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The MCP server an AI agent talks to: the catalogue's tools and two resources (a booking, the trial balance), each
 * run through the API's pipeline for the agent's credential, so that an agent can do over MCP exactly what its
 * credential lets it do over HTTP, with the same checks and the same audit. The tool list shows a caller only the
 * tools its scopes allow; the pipeline checks the scopes again on every call, as a hidden tool can still be named.
 */
final class AgentServer {
    static final String CALLER = "travobooks.caller";
    static final String ADDRESS = "travobooks.address";
    static final String USER_AGENT = "travobooks.user-agent";
    static final String BOOKING_TEMPLATE = "travobooks://bookings/{booking_id}";
    static final String TRIAL_BALANCE = "travobooks://reports/trial-balance";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    private static final String INSTRUCTIONS = """
            travoBooks keeps a travel agency's books and bookings. Money is in minor units of its currency \
            (100 = 1 taka). To sell a ticket: search_flights, hold_booking, price_booking, preview_issue, then \
            issue_booking with the preview's hash. Give \
            every change a new idempotency_key and send the same key only to retry it. A refusal names a stable \
            code (for example BOOKING_NOT_FOUND) and says why.""";

    private AgentServer() {
    }

    static McpStatelessSyncServer start(McpStatelessServerTransport transport, Pipeline pipeline,
                                        Mandates mandates, OpenApiContract contract, String version) {
        McpJsonMapper json = McpEndpoint.STRICT_JSON;
        List<AgentTool> tools = AgentToolCatalog.load(contract);
        Map<String, AgentTool> byName = tools.stream().collect(Collectors.toMap(AgentTool::name,
                Function.identity()));
        return McpServer.sync(transport)
                .serverInfo("travobooks", version)
                .instructions(INSTRUCTIONS)
                .jsonMapper(json)
                .immediateExecution(true) // on the request's own (virtual) thread
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .tools(tools.stream().map(tool -> specification(tool, json, pipeline, mandates)).toList())
                .addToolFilter((context, tool) -> byName.containsKey(tool.name())
                        && allowed(caller(context), byName.get(tool.name()))
                        && !mandates.forbidsTool(caller(context), tool.name()))
                .resourceTemplates(booking(pipeline))
                .resources(trialBalance(pipeline))
                .build();
    }

    /** Whether the tool is listed to the caller (the pipeline checks the scopes again when it is called). */
    private static boolean allowed(Caller caller, AgentTool tool) {
        return caller.lacking(tool.operation().scopes().stream().map(Scope::of).collect(Collectors.toSet()))
                .isEmpty();
    }

    private static Caller caller(McpTransportContext context) {
        return (Caller) context.get(CALLER);
    }

    /** Where the agent's request came from and what sent it, for the audit log. */
    private static AgentTool.Origin origin(McpTransportContext context) {
        return new AgentTool.Origin((String) context.get(ADDRESS), (String) context.get(USER_AGENT));
    }

    private static McpStatelessServerFeatures.SyncToolSpecification specification(AgentTool tool, McpJsonMapper json,
                                                                                   Pipeline pipeline,
                                                                                   Mandates mandates) {
        McpSchema.Tool described = McpSchema.Tool.builder(tool.name(), json, tool.inputSchema().toString())
                .title(tool.title())
                .description(tool.description())
                .annotations(McpSchema.ToolAnnotations.builder().title(tool.title())
                        .readOnlyHint(tool.hints().readOnly()).destructiveHint(tool.hints().destructive())
                        .idempotentHint(tool.hints().idempotent()).openWorldHint(tool.hints().openWorld()).build())
                .build();
        return new McpStatelessServerFeatures.SyncToolSpecification(described, (context, call) -> {
            String operation = tool.operation().operationId();
            LocalRequest request = tool.request(call.arguments(), origin(context));
            if (mandates.forbidsTool(caller(context), tool.name())) {
                return result(pipeline.refuse(operation, caller(context), request, new ApiProblem(403,
                        MandateCode.MANDATE_TOOL_NOT_ALLOWED.name(), "Forbidden",
                        "this agent's mandate does not list the tool " + tool.name())));
            }
            return result(pipeline.invoke(operation, caller(context), request));
        });
    }

    /**
     * The operation's answer as a tool's result: its JSON, structured too; a problem is an error result, and a
     * wait the server asks for ({@code Retry-After}) is in the result's metadata as {@code retry_after_seconds}.
     */
    private static McpSchema.CallToolResult result(Response answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        McpSchema.CallToolResult.Builder result = McpSchema.CallToolResult.builder().addTextContent(text)
                .isError(answer.status() >= 400);
        object(answer).ifPresent(result::structuredContent);
        Optional.ofNullable(answer.headers().get("Retry-After"))
                .ifPresent(seconds -> result.meta(Map.of("retry_after_seconds", Long.parseLong(seconds))));
        return result.build();
    }

    private static Optional<Map<String, Object>> object(Response answer) {
        try {
            JsonNode body = Json.MAPPER.readTree(answer.body());
            return body != null && body.isObject() ? Optional.of(Json.MAPPER.convertValue(body, OBJECT))
                    : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    private static McpStatelessServerFeatures.SyncResourceTemplateSpecification booking(Pipeline pipeline) {
        McpUriTemplateManager template = new DefaultMcpUriTemplateManagerFactory().create(BOOKING_TEMPLATE);
        return new McpStatelessServerFeatures.SyncResourceTemplateSpecification(
                McpSchema.ResourceTemplate.builder(BOOKING_TEMPLATE, "booking").title("A booking")
                        .description("A booking as it stands now: status, passengers, fare, terms and tickets")
                        .mimeType(Response.JSON).build(),
                (context, read) -> contents(read.uri(), pipeline.invoke("getBooking", caller(context),
                        origin(context).request(Map.of("booking_id", template.extractVariableValues(read.uri())
                                .get("booking_id")), "mcp:resource"))));
    }

    private static McpStatelessServerFeatures.SyncResourceSpecification trialBalance(Pipeline pipeline) {
        return new McpStatelessServerFeatures.SyncResourceSpecification(
                McpSchema.Resource.builder(TRIAL_BALANCE, "trial-balance").title("Trial balance")
                        .description("Every account's debits and credits today, per currency; they balance")
                        .mimeType(Response.JSON).build(),
                (context, read) -> contents(read.uri(), pipeline.invoke("getTrialBalance", caller(context),
                        origin(context).request(Map.of(), "mcp:resource"))));
    }

    /** A resource's contents; a problem is a JSON-RPC error (not found, refused, or failed) carrying it. */
    private static McpSchema.ReadResourceResult contents(String uri, Response answer) {
        String text = new String(answer.body(), StandardCharsets.UTF_8);
        if (answer.status() >= 400) {
            int code = answer.status() == 404 ? -32002 : answer.status() < 500 ? -32602 : -32603;
            throw McpError.builder(code).message("reading " + uri + " was answered " + answer.status())
                    .data(object(answer).orElse(Map.of())).build();
        }
        return McpSchema.ReadResourceResult.builder(List.of(McpSchema.TextResourceContents.builder(uri, text)
                .mimeType(Response.JSON).build())).build();
    }
}
