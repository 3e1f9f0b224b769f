package io.travobooks.server;

import io.helidon.webserver.http.HttpRouting;
import io.travobooks.server.api.ApiRouter;
import io.travobooks.server.contract.OpenApiContract;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Reply;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The routes and the contract cannot drift apart: every operation is routed, and nothing else is. */
class ContractParityTest {
    private final OpenApiContract contract = OpenApiContract.load();

    private Map<String, Handler> aHandlerForEveryOperation() {
        Map<String, Handler> handlers = new HashMap<>();
        contract.operations().forEach(op -> handlers.put(op.operationId(), call -> Reply.ok(Map.of())));
        return handlers;
    }

    @Test
    void aContractOperationWithoutAHandlerStopsTheStart() {
        Map<String, Handler> handlers = aHandlerForEveryOperation();
        handlers.remove("getJournalEntry");
        assertThatThrownBy(() -> ApiRouter.route(HttpRouting.builder(), contract, handlers, null))
                .hasMessageContaining("operations without a handler [GET /v1/journal-entries/{entry_id}");
    }

    @Test
    void aHandlerForNoContractOperationStopsTheStart() {
        Map<String, Handler> handlers = aHandlerForEveryOperation();
        handlers.put("deleteEverything", call -> Reply.ok(Map.of()));
        assertThatThrownBy(() -> ApiRouter.route(HttpRouting.builder(), contract, handlers, null))
                .hasMessageContaining("handlers without an operation [deleteEverything]");
    }

    /** On the running server, every operation is reached (it is not the router's "no such operation"). */
    @Test
    void theRunningServerRoutesEveryOperationOfTheContract() {
        ContractValidator validator = new ContractValidator();
        try (TestServer server = TestServer.h2()) {
            ApiClient anonymous = new ApiClient(server.baseUrl(), Optional.empty(), validator, false);
            for (Operation operation : contract.operations()) {
                String path = operation.pathTemplate().replaceAll("\\{[^}]+}", "x1");
                ApiResponse response = anonymous.send(operation.method(), path, Optional.empty(), Map.of());
                assertThat(response.status()).as(operation.describe()).isNotEqualTo(405);
                // A 404 of the operation's own (a feature not configured) is an answer; the router's is not.
                assertThat(response.status() == 404 && response.code().equals("NOT_FOUND"))
                        .as(operation.describe() + ": " + response.body()).isFalse();
            }
            ApiResponse unknown = anonymous.get("/v1/no-such-thing");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.header("Content-Type")).contains("application/problem+json");
            ApiResponse wrongMethod = anonymous.send("PUT", "/v1/accounts", Optional.empty(), Map.of());
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("Allow")).contains("GET, POST");
        }
        assertThat(validator.violations()).isEmpty();
    }
}
