package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.messaging.notify.RecipientPreferences;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WhatsApp through the notifier, the generic HTTP provider and a local receiver, with delivery status on H2: free
 * text inside the 24-hour window, the approved template outside it, a recorded failure (no request) when there is no
 * template; then the provider's signed callback marks the message delivered, and a forged one changes nothing.
 */
class WhatsAppNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantId TENANT = TenantId.of("t1");
    private static final Instant NOW = Instant.parse("2026-03-01T08:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CALLBACK_SECRET = "cb-secret";

    private JdbcStorage storage;
    private RecordingProvider gateway;
    private Duration timeout = Duration.ofSeconds(2);

    @BeforeEach
    void start() throws Exception {
        storage = JdbcStorage.open(StorageConfig.h2Memory("whatsapp_" + UUID.randomUUID().toString().substring(0, 8)));
        gateway = new RecordingProvider(200);
    }

    @AfterEach
    void stop() {
        gateway.close();
        storage.close();
    }

    private static OutboxEvent issued(String id) {
        return new OutboxEvent(id, "booking.issued", TENANT, NOW, Map.of("bookingId", "BK1", "pnr", "QWERTY"));
    }

    private Notifier notifier(Map<String, Instant> lastInbound, boolean withTemplate) {
        return notifier(lastInbound, withTemplate, List.of(new HttpMessageProvider(new HttpMessageProvider.Config(
                "wa-cloud", gateway.uri(), Optional.of("tok"), timeout))));
    }

    private Notifier notifier(Map<String, Instant> lastInbound, boolean withTemplate,
                              List<MessageProvider> providers) {
        Notifier.Recipients recipients = event -> List.of(new Notifier.Recipient("cust-1", "bn",
                Map.of(Channel.WHATSAPP, "+8801711000000"), new RecipientPreferences(Map.of(), Channel.WHATSAPP)));
        Notifier.Content content = (event, channel, language) -> Optional.of(new Notifier.Rendered("",
                "আপনার টিকিট ইস্যু হয়েছে (" + event.data().get("pnr") + ")", List.of(),
                withTemplate ? Optional.of(new ApprovedTemplate("ticket_issued", language, List.of("QWERTY")))
                        : Optional.empty()));
        return new Notifier(storage.messageStore(), Map.of(Channel.WHATSAPP,
                new ProviderChain(providers)), recipients, content,
                (tenant, channel, address) -> Optional.ofNullable(lastInbound.get(address)), CLOCK);
    }

    private JsonNode lastRequest() throws Exception {
        return JSON.readTree(gateway.requests().getLast().body());
    }

    @Test
    void freeTextInsideTheWindowAndTheApprovedTemplateOutsideIt() throws Exception {
        notifier(Map.of("+8801711000000", NOW.minus(Duration.ofHours(23))), true).handle(issued("ev-1"));
        assertThat(lastRequest().has("template")).as("the customer wrote 23 hours ago").isFalse();
        assertThat(lastRequest().path("text").asText()).contains("QWERTY");

        notifier(Map.of("+8801711000000", NOW.minus(Duration.ofHours(25))), true).handle(issued("ev-2"));
        assertThat(lastRequest().path("template").path("name").asText()).as("25 hours ago")
                .isEqualTo("ticket_issued");

        notifier(Map.of(), true).handle(issued("ev-3"));
        assertThat(lastRequest().path("template").path("name").asText()).as("never wrote")
                .isEqualTo("ticket_issued");
        assertThat(gateway.requests()).hasSize(3);
    }

    @Test
    void aSendWhoseAnswerDidNotComeBackStaysQueuedAndGoesAgainUnderTheSameIdempotencyKey() {
        timeout = Duration.ofSeconds(1);
        gateway.delay(5_000);
        Notifier notifier = notifier(Map.of(), true);

        assertThatThrownBy(() -> notifier.handle(issued("ev-1"))).isInstanceOf(Notifier.Deferred.class)
                .hasMessageContaining("perhaps not sent");
        MessageRecord queued = storage.messageStore().transactions().inTransaction(uow ->
                storage.messageStore().forEvent(uow, TENANT, "ev-1")).getFirst();
        assertThat(queued.status()).isEqualTo(MessageRecord.Status.QUEUED);

        gateway.delay(0);
        assertThat(notifier.handle(issued("ev-1"))).singleElement().extracting(MessageRecord::status)
                .isEqualTo(MessageRecord.Status.SENT);
        assertThat(gateway.requests()).hasSize(2).extracting(r -> r.headers().get("idempotency-key"))
                .containsOnly(queued.messageId());
    }

    @Test
    void aMessageWhoseAnswerWasLostIsAskedAgainOfThatProviderAloneNeverOfTheNext() throws Exception {
        try (RecordingProvider spare = new RecordingProvider(200)) {
            gateway.delay(5_000);
            Notifier notifier = notifier(Map.of(), true, List.of(
                    new HttpMessageProvider(new HttpMessageProvider.Config("wa-cloud", gateway.uri(),
                            Optional.empty(), Duration.ofSeconds(1))),
                    new HttpMessageProvider(new HttpMessageProvider.Config("wa-spare", spare.uri(),
                            Optional.empty(), Duration.ofSeconds(2)))));

            assertThatThrownBy(() -> notifier.handle(issued("ev-1"))).isInstanceOf(Notifier.Deferred.class);
            gateway.delay(0);
            gateway.answer(503);
            assertThatThrownBy(() -> notifier.handle(issued("ev-1"))).as("bound to wa-cloud, which is down now")
                    .isInstanceOf(Notifier.Deferred.class);
            gateway.answer(200);
            MessageRecord sent = notifier.handle(issued("ev-1")).getFirst();

            assertThat(sent.status()).isEqualTo(MessageRecord.Status.SENT);
            assertThat(sent.provider()).contains("wa-cloud");
            assertThat(gateway.requests()).hasSize(3);
            assertThat(spare.requests()).as("never sent twice through another provider").isEmpty();
        }
    }

    @Test
    void withoutATemplateOutsideTheWindowTheMessageFailsWithItsReasonAndNothingIsSent() {
        List<MessageRecord> messages = notifier(Map.of(), false).handle(issued("ev-1"));

        assertThat(messages).singleElement().satisfies(message -> {
            assertThat(message.status()).isEqualTo(MessageRecord.Status.FAILED);
            assertThat(message.reason().orElseThrow()).contains("24-hour WhatsApp window")
                    .contains("no approved template");
        });
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void aSignedCallbackMarksTheMessageDeliveredAndAForgedOneChangesNothing() {
        MessageRecord sent = notifier(Map.of(), true).handle(issued("ev-1")).getFirst();
        String providerId = sent.providerMessageId().orElseThrow();
        DeliveryCallbacks callbacks = new DeliveryCallbacks(storage.messageStore(),
                Map.of("wa-cloud", CALLBACK_SECRET), CLOCK);

        byte[] failed = ("{\"id\":\"" + providerId + "\",\"status\":\"failed\",\"reason\":\"forged\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(callbacks.receive("wa-cloud", Map.of(), failed)).isEqualTo(
                DeliveryCallbacks.Result.REFUSED_SIGNATURE);
        assertThat(callbacks.receive("wa-cloud", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign("wrong-secret", failed)), failed))
                .isEqualTo(DeliveryCallbacks.Result.REFUSED_SIGNATURE);
        assertThat(status("ev-1")).isEqualTo(MessageRecord.Status.SENT);

        byte[] delivered = ("{\"id\":\"" + providerId + "\",\"status\":\"delivered\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(callbacks.receive("wa-cloud", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(CALLBACK_SECRET, delivered)), delivered))
                .isEqualTo(DeliveryCallbacks.Result.UPDATED);
        assertThat(status("ev-1")).isEqualTo(MessageRecord.Status.DELIVERED);
        assertThat(callbacks.receive("wa-cloud", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(CALLBACK_SECRET, failed)), failed))
                .as("delivered is final").isEqualTo(DeliveryCallbacks.Result.IGNORED);
        byte[] early = "{\"id\":\"p-not-recorded-yet\",\"status\":\"delivered\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(callbacks.receive("wa-cloud", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(CALLBACK_SECRET, early)), early))
                .as("ahead of our record of the send").isEqualTo(DeliveryCallbacks.Result.NOT_YET_KNOWN);
        byte[] nonsense = "{\"id\":\"x\",\"status\":\"read-ish\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(callbacks.receive("wa-cloud", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(CALLBACK_SECRET, nonsense)), nonsense))
                .isEqualTo(DeliveryCallbacks.Result.MALFORMED);
    }

    private MessageRecord.Status status(String eventId) {
        List<MessageRecord> messages = storage.messageStore().transactions().inTransaction(uow ->
                storage.messageStore().forEvent(uow, TENANT, eventId));
        return messages.getFirst().status();
    }
}
