package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.RoutesSuite;
import io.travobooks.server.support.Tenants;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The event catalog and webhook endpoints over HTTP: the secret shown once, changes guarded by ETags. */
abstract class MessagingRoutesSuite extends RoutesSuite {

    @Test
    void theCatalogListsEveryEventTypeWithTheSchemasOfItsEnvelopeAndData() {
        ApiClient agency = Tenants.open(operator);
        List<String> names = agency.get("/v1/event-types").json().get("items").findValuesAsText("name");
        assertThat(names).contains("booking.issued", "booking.refunded", "webhook.endpoint_disabled").isSorted();
        JsonNode first = agency.get("/v1/event-types?limit=2").json();
        JsonNode rest = agency.get("/v1/event-types?cursor=" + first.get("next_cursor").asText()).json();
        List<String> paged = new ArrayList<>(first.get("items").findValuesAsText("name"));
        paged.addAll(rest.get("items").findValuesAsText("name"));
        assertThat(paged).isEqualTo(names);

        JsonNode issued = agency.get("/v1/event-types/booking.issued").json();
        List<String> required = new ArrayList<>();
        issued.at("/envelope_schema/required").forEach(field -> required.add(field.asText()));
        assertThat(required).containsExactlyInAnyOrder("id", "type", "tenant", "occurredAt", "data");
        assertThat(issued.at("/data_schema/properties").has("bookingId")).isTrue();
        assertThat(agency.get("/v1/event-types/booking.teleported").code()).isEqualTo("EVENT_TYPE_NOT_FOUND");
    }

    @Test
    void anEndpointsSecretIsShownOnceAndARetryAnswersWithoutIt() {
        ApiClient agency = Tenants.open(operator);
        Map<String, Object> request = Map.of("id", "erp", "url", "http://127.0.0.1:9/erp",
                "event_types", List.of("booking.issued"));
        ApiResponse registered = agency.post("/v1/webhook-endpoints", request, "register-erp");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("secret").asText()).startsWith("whsec_");
        assertThat(registered.header("ETag")).isPresent();

        ApiResponse retried = agency.post("/v1/webhook-endpoints", request, "register-erp");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
        assertThat(retried.json().has("secret")).as("the secret is never kept").isFalse();
        assertThat(retried.json().get("endpoint")).isEqualTo(registered.json().get("endpoint"));

        ApiResponse read = agency.get("/v1/webhook-endpoints/erp");
        assertThat(read.body()).doesNotContain(registered.json().get("secret").asText());
        assertThat(read.header("ETag")).isEqualTo(registered.header("ETag"));
        assertThat(agency.get("/v1/webhook-endpoints").json().get("items").findValuesAsText("id"))
                .containsExactly("erp");
    }

    @Test
    void aChangeIsMadeOnlyIfTheEndpointIsAsItWasRead() {
        ApiClient agency = Tenants.open(operator);
        String first = agency.post("/v1/webhook-endpoints", Map.of("id", "erp", "url", "http://127.0.0.1:9/erp"))
                .header("ETag").orElseThrow();
        ApiResponse changed = patch(agency, "erp", Map.of("event_types", List.of("booking.voided")), first);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("event_types").get(0).asText()).isEqualTo("booking.voided");
        String second = changed.header("ETag").orElseThrow();
        assertThat(second).isNotEqualTo(first);

        ApiResponse stale = patch(agency, "erp", Map.of("url", "http://127.0.0.1:9/other"), first);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("PRECONDITION_FAILED");
        ApiResponse staleRotation = agency.send("POST", "/v1/webhook-endpoints/erp/rotate-secret", Optional.empty(),
                Map.of("Idempotency-Key", "rotate-stale", "If-Match", first));
        assertThat(staleRotation.status()).isEqualTo(412);
        assertThat(agency.get("/v1/webhook-endpoints/erp").header("ETag")).contains(second);

        ApiResponse rotated = agency.send("POST", "/v1/webhook-endpoints/erp/rotate-secret", Optional.empty(),
                Map.of("Idempotency-Key", "rotate", "If-Match", second));
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("secret").asText()).startsWith("whsec_");
        assertThat(rotated.json().at("/endpoint/previous_secret_until").isTextual()).isTrue();
        assertThat(rotated.header("ETag")).isNotEqualTo(Optional.of(second));

        ApiResponse disabled = agency.post("/v1/webhook-endpoints/erp/disable", Map.of("reason", "maintenance"));
        assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
        assertThat(disabled.json().get("disabled_reason").asText()).isEqualTo("maintenance");
        assertThat(agency.post("/v1/webhook-endpoints/erp/enable", Map.of()).json().get("enabled").asBoolean())
                .isTrue();
    }

    @Test
    void refusedEndpointsAreNotRegistered() {
        ApiClient agency = Tenants.open(operator);
        assertThat(agency.post("/v1/webhook-endpoints", Map.of("id", "lan", "url", "http://10.1.2.3/hooks"))
                .code()).as("a private address this server was not told to allow").isEqualTo("WEBHOOK_URL_REFUSED");
        assertThat(agency.post("/v1/webhook-endpoints", Map.of("id", "odd", "url", "http://127.0.0.1:9/odd",
                "event_types", List.of("booking.teleported"))).code()).isEqualTo("WEBHOOK_UNKNOWN_EVENT_TYPE");
        agency.post("/v1/webhook-endpoints", Map.of("id", "erp", "url", "http://127.0.0.1:9/erp"));
        assertThat(agency.post("/v1/webhook-endpoints", Map.of("id", "erp", "url", "http://127.0.0.1:9/again"))
                .code()).isEqualTo("WEBHOOK_ENDPOINT_EXISTS");
        assertThat(patch(agency, "erp", Map.of("url", "http://10.1.2.3/hooks"), "*").code())
                .isEqualTo("WEBHOOK_URL_REFUSED");
        assertThat(agency.get("/v1/webhook-endpoints").json().get("items").findValuesAsText("url"))
                .containsExactly("http://127.0.0.1:9/erp");
        assertThat(agency.get("/v1/webhook-endpoints/nope").code()).isEqualTo("WEBHOOK_ENDPOINT_NOT_FOUND");
    }

    private static ApiResponse patch(ApiClient agency, String endpoint, Map<String, Object> change, String ifMatch) {
        return agency.send("PATCH", "/v1/webhook-endpoints/" + endpoint,
                Optional.of(new String(Json.write(change), StandardCharsets.UTF_8)), Map.of("If-Match", ifMatch));
    }
}
