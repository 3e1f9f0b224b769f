package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.channel.http.ProviderSignature;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.RoutesSuite;
import io.travobooks.server.support.StreamClient;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import io.travobooks.testkit.coordination.ContractSupport;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unified inbox over HTTP: customers' messages come in through signed hooks (and only signed ones), are filed
 * per contact with the bookings they name, are pushed on the stream, and are worked (assign, status, link, reply).
 */
abstract class InboxRoutesSuite extends RoutesSuite {
    private static final String SECRET = "the-mail-hooks-shared-secret";

    private static Optional<String> text(Object body) {
        return Optional.of(new String(Json.write(body), StandardCharsets.UTF_8));
    }

    /** Posts {@code message} to the source's hook, signed with {@code secret} (none: unsigned). */
    private static ApiResponse post(ApiClient client, String source, Map<String, Object> message,
                                    Optional<String> secret) {
        String body = text(message).orElseThrow();
        return client.unchecked().send("POST", "/v1/hooks/inbound/" + source, Optional.of(body), secret.map(s ->
                Map.of(ProviderSignature.HEADER, ProviderSignature.sign(s, body.getBytes(StandardCharsets.UTF_8))))
                .orElse(Map.of()));
    }

    @Test
    void onlySignedMessagesAreFiledOncePerContactWithTheBookingsTheyName() throws Exception {
        ApiClient agency = Tenants.open(operator);
        new BookingSteps(agency).hold("INB-101", 1, "AGENCY");
        ApiResponse created = agency.post("/v1/inbound-sources", Map.of("channel", "EMAIL", "secret", SECRET));
        assertThat(created.json().has("secret")).as("a secret the caller gave is not answered").isFalse();
        String source = created.json().at("/source/id").asText();
        assertThat(created.json().at("/source/hook_path").asText()).isEqualTo("/v1/hooks/inbound/" + source);
        Map<String, Object> question = Map.of("id", "m-1", "from", "rahim@example.com",
                "subject", "Ticket for INB-101", "text", "When is my ticket for INB-101 issued?");

        assertThat(post(agency, source, question, Optional.empty()).code()).isEqualTo("SIGNATURE_REFUSED");
        assertThat(post(agency, source, question, Optional.of("not-the-secret")).status()).isEqualTo(401);
        assertThat(post(agency, "src_0000", question, Optional.of(SECRET)).status()).as("an unknown source")
                .isEqualTo(401);
        assertThat(agency.get("/v1/conversations").json().get("items")).as("nothing filed").isEmpty();

        String conversation;
        String bookingsOnly = Tenants.keyWithout(agency, Scope.MESSAGING_READ);
        try (StreamClient stream = StreamClient.withHeader(server.baseUrl(), agency.key());
             StreamClient blind = StreamClient.withHeader(server.baseUrl(), bookingsOnly)) {
            ApiResponse filed = post(agency, source, question, Optional.of(SECRET));
            assertThat(filed.status()).isEqualTo(200);
            conversation = filed.json().get("conversation_id").asText();
            JsonNode pushed = stream.next(Duration.ofSeconds(10));
            assertThat(pushed.get("type").asText()).isEqualTo("inbox.message");
            assertThat(pushed.get("conversation_id").asText()).isEqualTo(conversation);
            // The session's events keep their order: a booking change after the filing comes first to the blind
            // session, so the inbox's event was never sent to it.
            new BookingSteps(agency).hold("INB-100", 1, "AGENCY");
            assertThat(blind.next(Duration.ofSeconds(10)).get("type").asText())
                    .as("a key that may not read the inbox hears nothing of it").isEqualTo("booking.changed");
        }
        assertThat(post(agency, source, question, Optional.of(SECRET)).json().get("conversation_id").asText())
                .as("a repeat goes to the same conversation").isEqualTo(conversation);
        assertThat(post(agency, source, Map.of("id", "m-2", "from", "rahim@example.com", "text", "Hello?"),
                Optional.of(SECRET)).json().get("conversation_id").asText()).isEqualTo(conversation);

        JsonNode filed = agency.get("/v1/conversations/" + conversation).json();
        assertThat(filed.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(filed.get("address").asText()).isEqualTo("rahim@example.com");
        assertThat(filed.get("booking_ids").get(0).asText()).isEqualTo("INB-101");
        JsonNode messages = agency.get("/v1/conversations/" + conversation + "/messages?limit=1").json();
        assertThat(messages.at("/items/0/text").asText()).contains("INB-101");
        JsonNode second = agency.get("/v1/conversations/" + conversation + "/messages?limit=1&cursor="
                + messages.get("next_cursor").asText()).json();
        assertThat(second.at("/items/0/text").asText()).as("the repeat was filed once").isEqualTo("Hello?");
        assertThat(second.has("next_cursor")).isFalse();

        agency.delete("/v1/inbound-sources/" + source);
        assertThat(post(agency, source, Map.of("id", "m-3", "from", "rahim@example.com", "text", "Anyone?"),
                Optional.of(SECRET)).status()).as("a deleted source's hook").isEqualTo(401);
        assertThat(agency.get("/v1/inbound-sources").json().get("items")).isEmpty();
    }

    @Test
    void agentsAssignLinkResolveAndReplyByEmail() {
        ApiClient agency = Tenants.open(operator);
        new BookingSteps(agency).hold("INB-102", 1, "AGENCY");
        assertThat(agency.post("/v1/inbound-sources", Map.of("channel", "EMAIL")).json().get("secret").asText())
                .as("a secret made for the source, shown once").startsWith("insec_");
        String known = agency.post("/v1/inbound-sources", Map.of("channel", "EMAIL", "secret", SECRET)).json()
                .at("/source/id").asText();
        String conversation = post(agency, known, Map.of("id", "m-1", "from", "karim@example.com",
                "subject", "Seat", "text", "Can I have a window seat?"), Optional.of(SECRET)).json()
                .get("conversation_id").asText();
        String path = "/v1/conversations/" + conversation;

        assertThat(agency.post(path + "/assign", Map.of("assignee", "agent-7")).json().get("assignee").asText())
                .isEqualTo("agent-7");
        assertThat(agency.post(path + "/bookings", Map.of("booking_id", "NOPE-1")).code())
                .isEqualTo("BOOKING_NOT_FOUND");
        assertThat(agency.post(path + "/bookings", Map.of("booking_id", "INB-102")).json().get("booking_ids")
                .get(0).asText()).isEqualTo("INB-102");
        ApiResponse reply = agency.post(path + "/replies", Map.of("text", "Seat 14A is yours."));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("direction").asText()).isEqualTo("OUTBOUND");
        assertThat(reply.json().get("subject").asText()).isEqualTo("Re: Seat");
        ContractSupport.await("the reply in the mail folder", Duration.ofSeconds(5),
                () -> mails(server.mailDir()).anyMatch(text -> text.contains("karim@example.com")
                        && text.contains("Seat 14A is yours.")));

        assertThat(agency.post(path + "/status", Map.of("status", "RESOLVED")).json().get("status").asText())
                .isEqualTo("RESOLVED");
        assertThat(agency.get("/v1/conversations").json().get("items")).isEmpty();
        assertThat(agency.get("/v1/conversations?status=RESOLVED").json().get("items").findValuesAsText("id"))
                .containsExactly(conversation);
        assertThat(agency.get("/v1/conversations?booking=INB-102").json().get("items").findValuesAsText("id"))
                .as("a booking's conversations in any status").containsExactly(conversation);
        assertThat(agency.get("/v1/conversations?booking=INB-102&status=OPEN").json().get("items")).isEmpty();
        assertThat(agency.get("/v1/conversations?booking=INB-999").json().get("items")).isEmpty();
        String other = post(agency, known, Map.of("id", "m-9", "from", "rina@example.com", "text", "My seat too?"),
                Optional.of(SECRET)).json().get("conversation_id").asText();
        agency.post("/v1/conversations/" + other + "/bookings", Map.of("booking_id", "INB-102"));
        JsonNode first = agency.get("/v1/conversations?booking=INB-102&limit=1").json();
        assertThat(first.get("items").findValuesAsText("id")).as("the latest change first").containsExactly(other);
        JsonNode rest = agency.get("/v1/conversations?booking=INB-102&limit=1&cursor="
                + first.get("next_cursor").asText()).json();
        assertThat(rest.get("items").findValuesAsText("id")).containsExactly(conversation);
        assertThat(rest.has("next_cursor")).isFalse();
        post(agency, known, Map.of("id", "m-2", "from", "karim@example.com", "text", "Thanks!"), Optional.of(SECRET));
        assertThat(agency.get(path).json().get("status").asText()).as("a new message opens it again")
                .isEqualTo("OPEN");

        new BookingSteps(agency).hold("INB-103", 1, "AGENCY");
        String pnr = agency.get("/v1/bookings/INB-103").json().get("pnr").asText();
        assertThat(post(agency, known, Map.of("id", "m-3", "from", "karim@example.com", "text", "And for PNR " + pnr
                + "?"), Optional.of(SECRET)).status()).isEqualTo(200);
        List<String> linked = new ArrayList<>();
        agency.get(path).json().get("booking_ids").forEach(id -> linked.add(id.asText()));
        assertThat(linked).as("the booking the message names by its PNR").containsExactly("INB-102", "INB-103");
        assertThat(agency.get("/v1/conversations/nope").code()).isEqualTo("INBOX_CONVERSATION_NOT_FOUND");
    }

    @Test
    void aDeliveryCallbackIsTakenOnlySignedWithTheProvidersSecret() {
        String report = "{\"id\":\"never-sent\",\"status\":\"delivered\"}";
        byte[] bytes = report.getBytes(StandardCharsets.UTF_8);
        ApiClient anyone = operator.withoutKey().unchecked();
        assertThat(anyone.send("POST", "/v1/hooks/delivery/sms", Optional.of(report), Map.of()).code())
                .isEqualTo("SIGNATURE_REFUSED");
        assertThat(anyone.send("POST", "/v1/hooks/delivery/whatsapp", Optional.of(report), Map.of(
                ProviderSignature.HEADER, ProviderSignature.sign(TestServer.SMS_CALLBACK_SECRET, bytes))).status())
                .as("WhatsApp has no callback secret here").isEqualTo(401);
        assertThat(anyone.send("POST", "/v1/hooks/delivery/sms", Optional.of(report), Map.of(
                ProviderSignature.HEADER, ProviderSignature.sign(TestServer.SMS_CALLBACK_SECRET, bytes))).status())
                .as("no message has that id yet: the provider posts again later").isEqualTo(503);
    }

    private static Stream<String> mails(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> {
                try {
                    return Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
