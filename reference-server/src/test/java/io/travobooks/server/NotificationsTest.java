package io.travobooks.server;

import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.config.Worker;
import io.travobooks.server.http.Json;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.ContractValidator;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import io.travobooks.testkit.coordination.ContractSupport;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notifications on the embedded default with the notifier worker running: a booking's recipients get its issue by
 * email (written to the server's mail folder) in their language with the e-ticket, as their preferences allow;
 * preferences change only as read; a preview shows what would be sent.
 */
class NotificationsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @Test
    void theIssueReachesTheBookingsRecipientsByEmailAsTheirPreferencesAllow() throws Exception {
        ContractValidator contract = new ContractValidator();
        try (TestServer server = TestServer.h2(new ServerConfig.Process(ServerConfig.Role.ALL,
                Set.of(Worker.NOTIFIER), Duration.ofSeconds(1)))) {
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    contract, true));
            put(agency, "rahim", Map.of("language", "bn-BD", "addresses", Map.of("email", "rahim@example.com")),
                    Optional.empty());
            // Karim wants nothing by email, not even critical messages: his transactional channel is SMS, which
            // this server does not offer.
            put(agency, "karim", Map.of("language", "en", "addresses", Map.of("email", "karim@example.com"),
                    "opted_out", Map.of("EMAIL", List.of("CRITICAL", "BOOKING_UPDATES")),
                    "transactional_channel", "SMS"), Optional.empty());
            BookingSteps steps = new BookingSteps(agency);
            steps.hold("NT-1", 1, "AGENCY");
            assertThat(agency.send("PUT", "/v1/bookings/NT-1/recipients", body(Map.of("recipient_ids",
                    List.of("rahim", "karim", "nobody"))), Map.of()).code()).isEqualTo("RECIPIENT_NOT_FOUND");
            assertThat(agency.get("/v1/bookings/NT-1/recipients").json().get("recipient_ids")).isEmpty();
            assertThat(agency.send("PUT", "/v1/bookings/NT-1/recipients", body(Map.of("recipient_ids",
                    List.of("rahim", "karim"))), Map.of()).status()).isEqualTo(200);
            steps.price("NT-1");
            steps.issue("NT-1", "ISSUED");

            // The hold's event may reach him too (he was linked before the notifier handled it): find the issue's.
            ContractSupport.await("rahim's e-ticket email", PATIENCE, () -> withETicket(server.mailDir()).isPresent());
            MimeMessage email = withETicket(server.mailDir()).orElseThrow();
            assertThat(email.getAllRecipients()[0].toString()).isEqualTo("rahim@example.com");
            String pnr = agency.get("/v1/bookings/NT-1").json().get("pnr").asText();
            assertThat(email.getSubject()).as("the Bangla template").contains(pnr).containsPattern("[\\u0980-\\u09FF]");
            Multipart parts = (Multipart) email.getContent();
            assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("e-ticket-" + pnr + ".pdf");
            assertThat(new String(parts.getBodyPart(1).getInputStream().readNBytes(5), StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-");
            assertThat(emails(server.mailDir(), "karim")).as("karim opted out of email").isEmpty();

            ApiResponse preview = agency.post("/v1/templates/preview", Map.of("event_type", "booking.issued",
                    "channel", "WHATSAPP", "locale", "en", "booking_id", "NT-1"));
            assertThat(preview.json().get("body").asText()).contains(pnr);
            assertThat(preview.json().at("/approved_template/name").asText()).isEqualTo("booking_issued");
            assertThat(agency.post("/v1/templates/preview", Map.of("event_type", "booking.teleported",
                    "channel", "EMAIL", "locale", "en", "booking_id", "NT-1")).code()).isEqualTo("TEMPLATE_NOT_FOUND");
        }
        assertThat(contract.violations()).isEmpty();
    }

    @Test
    void aRecipientIsChangedOnlyAsItWasRead() {
        ContractValidator contract = new ContractValidator();
        try (TestServer server = TestServer.h2()) {
            ApiClient agency = Tenants.open(new ApiClient(server.baseUrl(), Optional.of(server.operatorKey()),
                    contract, true));
            Map<String, Object> first = Map.of("language", "en", "addresses", Map.of("sms", "+8801711000000"));
            assertThat(put(agency, "rahim", first, Optional.of("*")).status()).as("If-Match * needs one to exist")
                    .isEqualTo(412);
            ApiResponse created = put(agency, "rahim", first, Optional.empty());
            assertThat(created.json().get("version").asLong()).isEqualTo(1);
            String etag = created.header("ETag").orElseThrow();

            Map<String, Object> second = Map.of("language", "bn-BD", "addresses", Map.of("sms", "+8801711000000"),
                    "opted_out", Map.of("SMS", List.of("MARKETING")));
            ApiResponse changed = put(agency, "rahim", second, Optional.of(etag));
            assertThat(changed.json().get("version").asLong()).isEqualTo(2);
            assertThat(changed.json().at("/opted_out/SMS/0").asText()).isEqualTo("MARKETING");
            assertThat(put(agency, "rahim", first, Optional.of(etag)).code()).isEqualTo("PRECONDITION_FAILED");
            assertThat(agency.get("/v1/recipients/rahim").json().get("language").asText()).isEqualTo("bn-BD");
            assertThat(agency.get("/v1/recipients").json().get("items").findValuesAsText("id"))
                    .containsExactly("rahim");
        }
        assertThat(contract.violations()).isEmpty();
    }

    private static ApiResponse put(ApiClient agency, String id, Map<String, Object> recipient,
                                   Optional<String> ifMatch) {
        return agency.send("PUT", "/v1/recipients/" + id, body(recipient),
                ifMatch.map(tag -> Map.of("If-Match", tag)).orElse(Map.of()));
    }

    private static Optional<String> body(Object value) {
        return Optional.of(new String(Json.write(value), StandardCharsets.UTF_8));
    }

    /** The email files written for a recipient (their messages' ids, URL-encoded, end with "/" and the recipient's id). */
    private static List<Path> emails(Path folder, String recipient) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith("%2F" + recipient + ".eml")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rahim's email that carries an attachment: the issue's. */
    private static Optional<MimeMessage> withETicket(Path folder) {
        for (Path file : emails(folder, "rahim")) {
            try {
                MimeMessage email = read(file);
                if (((Multipart) email.getContent()).getCount() > 1) {
                    return Optional.of(email);
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return Optional.empty();
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }
}
