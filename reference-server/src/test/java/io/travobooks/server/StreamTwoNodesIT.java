package io.travobooks.server;

import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.StreamClient;
import io.travobooks.server.support.TestServer;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes on one MariaDB and one Redis: a booking issued through node A is seen by a stream client of
 * node B, and read from node B in its new state (its cached copy dropped across nodes).
 */
class StreamTwoNodesIT {
    @Test
    void aClientOfNodeBSeesWhatNodeADid() throws Exception {
        List<TestServer> nodes = TestServer.mariaDbRedisNodes(2);
        TestServer a = nodes.get(0);
        TestServer b = nodes.get(1);
        try (a; b) {
            String key = a.operatorKey(); // the first start happened on node A; node B shares its keys
            ContractValidator contract = new ContractValidator();
            ApiClient onA = new ApiClient(a.baseUrl(), Optional.of(key), contract, true);
            ApiClient onB = onA.at(b.baseUrl());
            try (StreamClient stream = StreamClient.withHeader(b.baseUrl(), key)) {
                BookingSteps steps = new BookingSteps(onA);
                steps.hold("TWO-NODES", 1, "AGENCY");
                assertThat(onB.get("/v1/bookings/TWO-NODES").json().get("status").asText()).isEqualTo("HELD");
                steps.price("TWO-NODES");
                steps.issue("TWO-NODES", "ISSUED");
                stream.awaitBooking("TWO-NODES", "ISSUED", Duration.ofSeconds(10));
                // The cache's drop travels on its own channel: it may reach node B just after the stream's event.
                ContractSupport.await("node B's cached copy dropped", Duration.ofSeconds(10),
                        () -> onB.get("/v1/bookings/TWO-NODES").json().get("status").asText().equals("ISSUED"));
            }
            assertThat(contract.violations()).isEmpty();
        }
    }
}
