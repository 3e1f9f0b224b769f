package io.travobooks.channel.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.travobooks.messaging.notify.Category;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.messaging.notify.RecipientPreferences;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notifier with real parts: delivery status on H2, email through SMTP to GreenMail. A recipient who opted out
 * of booking updates by email still gets the critical issue email; an event handled twice sends once; when no
 * relay can take a message it stays queued and the event is deferred, and handling it again later sends it.
 */
class EmailNotifierTest {
    private static final TenantId TENANT = TenantId.of("t1");

    private GreenMail smtp;
    private JdbcStorage storage;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        storage = JdbcStorage.open(StorageConfig.h2Memory("notify_" + UUID.randomUUID().toString().substring(0, 8)));
    }

    @AfterEach
    void stop() {
        smtp.stop();
        storage.close();
    }

    private static OutboxEvent event(String id, String type) {
        return new OutboxEvent(id, type, TENANT, Instant.now(), Map.of("bookingId", "BK1", "pnr", "QWERTY"));
    }

    private static Notifier.Recipient rahim() {
        return new Notifier.Recipient("cust-1", "bn-BD", Map.of(Channel.EMAIL, "rahim@example.com",
                Channel.SMS, "+8801711000000"), RecipientPreferences.defaults().optOut(Channel.EMAIL,
                Category.BOOKING_UPDATES));
    }

    private Notifier notifier(int smtpPort, AtomicInteger rendered) {
        SmtpEmailProvider relay = new SmtpEmailProvider(SmtpEmailProvider.Config.local("smtp", "127.0.0.1", smtpPort,
                "tickets@agency.example"));
        return new Notifier(storage.messageStore(), Map.of(Channel.EMAIL, new ProviderChain(List.of(relay))),
                event -> List.of(rahim()),
                (event, channel, language) -> {
                    rendered.incrementAndGet();
                    return Optional.of(new Notifier.Rendered(event.type() + " " + event.data().get("pnr"),
                            "language " + language, List.of()));
                },
                Clock.systemUTC());
    }

    @Test
    void theIssueEmailGoesOutOnceDespiteTheOptOutAndUpdatesDoNot() {
        AtomicInteger rendered = new AtomicInteger();
        Notifier notifier = notifier(smtp.getSmtp().getPort(), rendered);

        List<MessageRecord> issued = notifier.handle(event("ev-issued", "booking.issued"));
        List<MessageRecord> again = notifier.handle(event("ev-issued", "booking.issued"));
        List<MessageRecord> held = notifier.handle(event("ev-held", "booking.held"));

        assertThat(issued).singleElement().satisfies(message -> {
            assertThat(message.status()).isEqualTo(MessageRecord.Status.SENT);
            assertThat(message.channel()).isEqualTo("EMAIL");
            assertThat(message.recipient()).isEqualTo("rahim@example.com");
            assertThat(message.providerMessageId()).contains("<ev-issued/email/cust-1.t1@travobooks>");
        });
        assertThat(again).isEqualTo(issued);
        assertThat(held).as("opted out of booking updates by email; SMS is not offered here").isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(rendered.get()).isEqualTo(1);
    }

    @Test
    void aMessageNoRelayTookStaysQueuedAndIsSentWhenTheEventIsHandledAgain() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        AtomicInteger rendered = new AtomicInteger();

        assertThatThrownBy(() -> notifier(closed, rendered).handle(event("ev-refund", "booking.refunded")))
                .isInstanceOf(Notifier.Deferred.class);
        Optional<MessageRecord> waiting = storage.messageStore().transactions().inTransaction(uow ->
                storage.messageStore().find(uow, TENANT, "ev-refund/email/cust-1"));
        assertThat(waiting.orElseThrow().status()).isEqualTo(MessageRecord.Status.QUEUED);
        assertThat(smtp.getReceivedMessages()).isEmpty();

        List<MessageRecord> later = notifier(smtp.getSmtp().getPort(), rendered)
                .handle(event("ev-refund", "booking.refunded"));

        assertThat(later).singleElement().extracting(MessageRecord::status).isEqualTo(MessageRecord.Status.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }
}
