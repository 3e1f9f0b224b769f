package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.StreamClient;
import io.travobooks.server.support.TestServer;
import io.travobooks.server.support.Tenants;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real-time stream: a tenant's booking changes, pushed to that tenant's connections only. */
class StreamTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aTenantsConnectionSeesItsBookingsChangeAndNoOneElses() throws Exception {
        ContractValidator contract = new ContractValidator();
        try (TestServer server = TestServer.h2()) {
            ApiClient operator = new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()), contract, true);
            ApiClient agency = Tenants.open(operator);
            ApiClient other = Tenants.open(operator);
            String agencyKey = agency.post("/v1/api-keys", Map.of("name", "stream", "scopes",
                    List.of("bookings:read"))).json().get("key").asText();
            try (StreamClient stream = StreamClient.withHeader(server.baseUrl(), agencyKey)) {
                new BookingSteps(other).hold("THEIRS", 1, "AGENCY");
                BookingSteps steps = new BookingSteps(agency);
                steps.hold("OURS", 1, "AGENCY");
                JsonNode held = stream.next(WAIT);
                assertThat(held.get("type").asText()).isEqualTo("booking.changed");
                assertThat(held.at("/booking/id").asText()).as("the other tenant's hold came first, unseen")
                        .isEqualTo("OURS");
                assertThat(held.at("/booking/status").asText()).isEqualTo("HELD");
                steps.price("OURS");
                steps.issue("OURS", "ISSUED");
                JsonNode issued = stream.awaitBooking("OURS", "ISSUED", WAIT);
                assertThat(issued.at("/booking/documents")).hasSize(1);
            }
            try (StreamClient browser = StreamClient.withQuery(server.baseUrl(), agencyKey)) {
                new BookingSteps(agency).hold("OURS-2", 1, "AGENCY");
                assertThat(browser.awaitBooking("OURS-2", "HELD", WAIT)).isNotNull();
            }
        }
        assertThat(contract.violations()).isEmpty();
    }

    @Test
    void aConnectionNeedsAKeyWithTheReadScopeAndSaysWhyNot() {
        try (TestServer server = TestServer.h2()) {
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    new ContractValidator(), true));
            String ledgerOnly = agency.post("/v1/api-keys", Map.of("name", "ledger", "scopes",
                    List.of("ledger:read"))).json().get("key").asText();
            String reader = agency.post("/v1/api-keys", Map.of("name", "reader", "scopes",
                    List.of("bookings:read"))).json().get("key").asText();
            assertThatThrownBy(() -> StreamClient.withHeader(server.baseUrl(), "tb_nonsense"))
                    .isInstanceOf(CompletionException.class);
            assertThatThrownBy(() -> StreamClient.withHeader(server.baseUrl(), ledgerOnly))
                    .isInstanceOf(CompletionException.class);
            // What a refused upgrade is answered, seen as plain HTTP requests to the same path.
            ApiClient plain = new ApiClient(server.baseUrl(), Optional.empty(), new ContractValidator(), false);
            ApiResponse anonymous = plain.get("/v1/stream");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).isPresent();
            assertThat(plain.withKey(ledgerOnly).get("/v1/stream").code()).isEqualTo("FORBIDDEN");
            assertThat(plain.withKey(reader).get("/v1/stream").status()).isEqualTo(426);
        }
    }

    @Test
    void aRevokedKeysConnectionEndsAtTheNextEvent() throws Exception {
        try (TestServer server = TestServer.h2()) {
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    new ContractValidator(), true));
            ApiResponse created = agency.post("/v1/api-keys", Map.of("name", "stream", "scopes",
                    List.of("bookings:read")));
            try (StreamClient stream = StreamClient.withHeader(server.baseUrl(), created.json().get("key").asText())) {
                BookingSteps steps = new BookingSteps(agency);
                steps.hold("R-1", 1, "AGENCY");
                assertThat(stream.awaitBooking("R-1", "HELD", WAIT)).isNotNull();
                agency.delete("/v1/api-keys/" + created.json().get("id").asText());
                steps.hold("R-2", 1, "AGENCY");
                assertThat(stream.awaitClosedByServer(WAIT)).as("policy violation").isEqualTo(1008);
                assertThat(stream.hasEvent()).as("nothing after the revocation").isFalse();
            }
        }
    }

    @Test
    void aStopTellsEachConnectionTheServerIsGoingAway() throws Exception {
        try (TestServer server = TestServer.h2()) {
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    new ContractValidator(), true));
            String key = agency.post("/v1/api-keys", Map.of("name", "stream", "scopes", List.of("bookings:read")))
                    .json().get("key").asText();
            try (StreamClient stream = StreamClient.withHeader(server.baseUrl(), key)) {
                new BookingSteps(agency).hold("S-1", 1, "AGENCY");
                assertThat(stream.awaitBooking("S-1", "HELD", WAIT)).as("the connection is subscribed").isNotNull();
                server.close();
                assertThat(stream.awaitClosedByServer(WAIT)).as("going away, to reconnect elsewhere").isEqualTo(1001);
            }
        }
    }
}
