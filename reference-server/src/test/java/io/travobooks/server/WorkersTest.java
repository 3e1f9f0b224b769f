package io.travobooks.server;

import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Worker;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.Tenants;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;
import static io.travobooks.server.support.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

/** The background workers run in the server process by role and setting. */
class WorkersTest {
    private final ContractValidator contract = new ContractValidator();

    @Test
    void theWorkersOfAnAllProcessVoidAPendingEntryOnceItExpires() {
        try (TestServer server = TestServer.h2(new ServerConfig.Process(ServerConfig.Role.ALL,
                EnumSet.allOf(Worker.class), Duration.ofMillis(100)))) {
            // The embedded queue reads the outbox itself: no relay runs.
            assertThat(server.server().workers()).containsExactlyInAnyOrderElementsOf(
                    EnumSet.complementOf(EnumSet.of(Worker.OUTBOX_RELAY)));
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    contract, true));
            agency.post("/v1/pending-entries", with(entry("hold-1", "2026-03-10", dr("1100", 500), cr("2200", 500)),
                    "expires_at", Instant.now().plusMillis(300).toString()));
            assertThat(pending(agency)).isEqualTo(500);
            ContractSupport.await("the pending entry voided by the worker", Duration.ofSeconds(20),
                    () -> pending(agency) == 0);
            assertThat(agency.post("/v1/pending-entries/hold-1/post", Map.of("id", "late")).code())
                    .isIn("LEDGER_PENDING_ALREADY_RESOLVED", "LEDGER_PENDING_EXPIRED");
        }
        assertThat(contract.violations()).isEmpty();
    }

    private static long pending(ApiClient agency) {
        return agency.get("/v1/accounts/2200/balance?currency=BDT").json().get("pending_minor").asLong();
    }

    @Test
    void anApiProcessRunsNoWorkerAndAWorkerProcessServesOnlyItsHealth() {
        try (TestServer api = TestServer.h2(new ServerConfig.Process(ServerConfig.Role.API,
                EnumSet.allOf(Worker.class), Duration.ofMillis(100)))) {
            assertThat(api.server().workers()).isEmpty();
        }
        try (TestServer worker = TestServer.h2(new ServerConfig.Process(ServerConfig.Role.WORKER,
                Set.of(Worker.AUDIT_CHAINER), Duration.ofMillis(100)))) {
            assertThat(worker.server().workers()).containsExactly(Worker.AUDIT_CHAINER);
            // Its answers to the API's paths are not the API's: they are checked here, not against the contract.
            ApiClient client = new ApiClient(worker.baseUrl(), Optional.of(worker.operatorKey()),
                    new ContractValidator(), false);
            assertThat(client.get("/health/ready").status()).isEqualTo(200);
            assertThat(client.get("/v1/reports/trial-balance").status()).as("no API on a worker").isEqualTo(404);
            assertThat(client.get("/docs").status()).isEqualTo(404);
            assertThat(client.unchecked().send("POST", "/v1/hooks/delivery/sms", Optional.of("{}"), Map.of())
                    .status()).as("hooks are the API's: a worker holds no stream to push their messages on")
                    .isEqualTo(404);
        }
    }
}
