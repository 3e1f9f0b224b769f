package io.travobooks.channel.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.travobooks.messaging.inbox.BookingReference;
import io.travobooks.messaging.inbox.Inbox;
import io.travobooks.messaging.inbox.InboxErrorCode;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.inbox.Conversation;
import io.travobooks.spi.inbox.InboxMessage;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unified inbox with real parts: signed inbound webhooks (WhatsApp, and an inbound-mail hook for email) into
 * conversations on H2, linked to the booking they name; replies through the generic HTTP provider to a local
 * receiver, on the customer's channel and inside WhatsApp's window.
 */
class UnifiedInboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantId TENANT = TenantId.of("t1");
    private static final Instant START = Instant.parse("2026-03-01T08:30:00Z");
    private static final String WA_SECRET = "wa-secret";
    private static final String MAIL_SECRET = "mail-secret";
    private static final String OTHER_SECRET = "other-tenant-secret";
    private static final TenantId OTHER = TenantId.of("other-agency");
    private static final String RAHIM = "+8801711000000";

    private JdbcStorage storage;
    private RecordingProvider gateway;
    private MutableClock clock;
    private Inbox inbox;
    private InboundWebhooks webhooks;

    @BeforeEach
    void start() throws Exception {
        storage = JdbcStorage.open(StorageConfig.h2Memory("inbox_" + UUID.randomUUID().toString().substring(0, 8)));
        gateway = new RecordingProvider(200);
        clock = new MutableClock(START);
        ProviderChain provider = new ProviderChain(List.of(new HttpMessageProvider(new HttpMessageProvider.Config(
                "gw", gateway.uri(), Optional.empty(), Duration.ofSeconds(2)))));
        inbox = new Inbox(storage.inboxStore(), (tenant, reference) -> switch (reference.kind()) {
            case PNR -> reference.value().equals("QWERTY") ? Optional.of("BK1") : Optional.empty();
            case TICKET -> reference.value().equals("1762000000002") ? Optional.of("BK2") : Optional.empty();
            case BOOKING_ID -> Optional.empty();
        }, Map.of(Channel.WHATSAPP, provider, Channel.EMAIL, provider), BookingReference.DEFAULT_BOOKING_ID, clock);
        webhooks = new InboundWebhooks(inbox, Map.of(
                "wa-cloud", new InboundWebhooks.Source(TENANT, Channel.WHATSAPP, WA_SECRET),
                "mail-in", new InboundWebhooks.Source(TENANT, Channel.EMAIL, MAIL_SECRET),
                "wa-other", new InboundWebhooks.Source(OTHER, Channel.WHATSAPP, OTHER_SECRET)), clock);
    }

    @AfterEach
    void stop() {
        gateway.close();
        storage.close();
    }

    private InboundWebhooks.Result post(String source, String secret, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return webhooks.receive(source, Map.of(ProviderSignature.HEADER, ProviderSignature.sign(secret, body)),
                body);
    }

    private static String whatsapp(String id, String text, Instant at) {
        return "{\"id\":\"" + id + "\",\"from\":\"" + RAHIM + "\",\"text\":\"" + text + "\",\"timestamp\":\"" + at
                + "\"}";
    }

    private Conversation filed(InboundWebhooks.Result result) {
        assertThat(result).isInstanceOf(InboundWebhooks.Result.Filed.class);
        return ((InboundWebhooks.Result.Filed) result).conversation();
    }

    private List<Conversation> open() {
        return storage.inboxStore().transactions().inTransaction(uow ->
                storage.inboxStore().conversations(uow, TENANT, Conversation.Status.OPEN, 10));
    }

    @Test
    void messagesFromOneContactOnTwoChannelsLandInConversationsLinkedToTheBookingTheyName() {
        Conversation whatsappThread = filed(post("wa-cloud", WA_SECRET, whatsapp("wamid.1",
                "আমার টিকিট কোথায়? PNR QWERTY", START)));
        filed(post("wa-cloud", WA_SECRET, whatsapp("wamid.1", "আমার টিকিট কোথায়? PNR QWERTY", START)));
        Conversation emailThread = filed(post("mail-in", MAIL_SECRET, "{\"id\":\"<m1@example.com>\",\"from\":"
                + "\"rahim@example.com\",\"subject\":\"Re: বুকিং QWERTY-এর ই-টিকিট\",\"text\":\"and my brother's "
                + "ticket 176-2000000002?\"}"));

        assertThat(whatsappThread.bookingIds()).containsExactly("BK1");
        assertThat(inbox.messages(TENANT, whatsappThread.id())).as("the repeated webhook filed once").hasSize(1);
        assertThat(emailThread.channel()).isEqualTo("EMAIL");
        assertThat(emailThread.bookingIds()).containsExactly("BK1", "BK2");
        List<Conversation> aboutBk1 = storage.inboxStore().transactions().inTransaction(uow ->
                storage.inboxStore().conversationsAbout(uow, TENANT, "BK1"));
        assertThat(aboutBk1).extracting(Conversation::id).containsExactlyInAnyOrder(whatsappThread.id(),
                emailThread.id());
    }

    @Test
    void aMessageIsFiledForTheTenantOfTheSourceItCameThrough() {
        Conversation theirs = filed(post("wa-other", OTHER_SECRET, whatsapp("wamid.5", "PNR QWERTY", START)));

        assertThat(theirs.tenant()).isEqualTo(OTHER);
        assertThat(open()).as("nothing in this tenant's inbox").isEmpty();
        assertThat(inbox.conversation(OTHER, theirs.id())).isPresent();
        assertThat(post("wa-other", WA_SECRET, whatsapp("wamid.6", "PNR QWERTY", START)))
                .as("signed with another source's secret").isInstanceOf(InboundWebhooks.Result.RefusedSignature.class);
    }

    @Test
    void unsignedOrForgedRequestsAreRefusedAndFileNothing() {
        byte[] body = whatsapp("wamid.9", "PNR QWERTY", START).getBytes(StandardCharsets.UTF_8);

        assertThat(webhooks.receive("wa-cloud", Map.of(), body))
                .isInstanceOf(InboundWebhooks.Result.RefusedSignature.class);
        assertThat(webhooks.receive("wa-cloud", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(MAIL_SECRET, body)), body))
                .isInstanceOf(InboundWebhooks.Result.RefusedSignature.class);
        assertThat(webhooks.receive("nobody", Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(WA_SECRET, body)), body))
                .isInstanceOf(InboundWebhooks.Result.RefusedSignature.class);
        assertThat(post("wa-cloud", WA_SECRET, "{\"text\":\"no id, no sender\"}"))
                .isInstanceOf(InboundWebhooks.Result.Malformed.class);
        assertThat(open()).isEmpty();
    }

    @Test
    void repliesGoOutOnTheCustomersChannelAndWhatsAppFreeTextOnlyInsideTheWindow() throws Exception {
        Conversation thread = filed(post("wa-cloud", WA_SECRET, whatsapp("wamid.1", "PNR QWERTY?", START)));

        clock.advance(Duration.ofHours(23));
        Outcome<InboxMessage> inWindow = inbox.reply(TENANT, thread.id(), "Your ticket is 1762000000001",
                Optional.empty());
        assertThat(inWindow.isOk()).isTrue();
        JsonNode sent = JSON.readTree(gateway.requests().getLast().body());
        assertThat(sent.path("to").asText()).isEqualTo(RAHIM);
        assertThat(sent.path("text").asText()).isEqualTo("Your ticket is 1762000000001");
        assertThat(sent.has("template")).isFalse();

        clock.advance(Duration.ofHours(2));
        Outcome<InboxMessage> closed = inbox.reply(TENANT, thread.id(), "Any news?", Optional.empty());
        assertThat(closed).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.rejection().code()).isEqualTo(InboxErrorCode.INBOX_WINDOW_CLOSED));
        assertThat(gateway.requests()).as("nothing sent").hasSize(1);
        assertThat(inbox.messages(TENANT, thread.id())).as("nothing filed").hasSize(2);

        Outcome<InboxMessage> templated = inbox.reply(TENANT, thread.id(), "Your booking QWERTY was updated",
                Optional.of(new ApprovedTemplate("booking_update", "bn", List.of("QWERTY"))));
        assertThat(templated.isOk()).isTrue();
        assertThat(JSON.readTree(gateway.requests().getLast().body()).path("template").path("name").asText())
                .isEqualTo("booking_update");
        assertThat(inbox.messages(TENANT, thread.id())).extracting(InboxMessage::direction).containsExactly(
                InboxMessage.Direction.INBOUND, InboxMessage.Direction.OUTBOUND, InboxMessage.Direction.OUTBOUND);

        Conversation email = filed(post("mail-in", MAIL_SECRET, "{\"id\":\"<m1@example.com>\",\"from\":"
                + "\"rahim@example.com\",\"subject\":\"Refund for QWERTY\",\"text\":\"please\"}"));
        assertThat(inbox.reply(TENANT, email.id(), "Refund started", Optional.empty()).isOk()).isTrue();
        assertThat(inbox.messages(TENANT, email.id()).getLast().subject()).isEqualTo("Re: Refund for QWERTY");
        assertThat(JSON.readTree(gateway.requests().getLast().body()).path("to").asText())
                .isEqualTo("rahim@example.com");
    }

    @Test
    void agentsAssignLinkAndResolveAndANewMessageReopens() {
        Conversation thread = filed(post("wa-cloud", WA_SECRET, whatsapp("wamid.1", "hello", START)));
        assertThat(thread.bookingIds()).isEmpty();

        inbox.assign(TENANT, thread.id(), Optional.of("agent-7")).orThrow();
        inbox.link(TENANT, thread.id(), "BK9").orThrow();
        Conversation resolved = inbox.setStatus(TENANT, thread.id(), Conversation.Status.RESOLVED).orThrow();
        assertThat(resolved.assignee()).contains("agent-7");
        assertThat(resolved.bookingIds()).containsExactly("BK9");
        assertThat(open()).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        Conversation reopened = filed(post("wa-cloud", WA_SECRET, whatsapp("wamid.2", "one more thing",
                START.plus(Duration.ofMinutes(5)))));
        assertThat(reopened.status()).isEqualTo(Conversation.Status.OPEN);
        assertThat(reopened.assignee()).contains("agent-7");

        Outcome<Conversation> missing = inbox.link(TENANT, "no-such-thread", "BK1");
        assertThat(missing).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.rejection().code()).isEqualTo(InboxErrorCode.INBOX_CONVERSATION_NOT_FOUND));
        Outcome<Conversation> blank = inbox.link(TENANT, thread.id(), " ");
        assertThat(blank.isOk()).isFalse();
        assertThat(inbox.conversation(TENANT, thread.id()).orElseThrow().bookingIds()).containsExactly("BK9");
        Outcome<Conversation> longName = inbox.assign(TENANT, thread.id(), Optional.of("a".repeat(201)));
        assertThat(longName).isInstanceOfSatisfying(Outcome.Refused.class, refused ->
                assertThat(refused.rejection().code()).isEqualTo(InboxErrorCode.INBOX_INVALID_INPUT));
        assertThat(inbox.conversation(TENANT, thread.id()).orElseThrow().assignee()).contains("agent-7");
    }

    @Test
    void anOverlongSubjectIsCutToWhatTheStoreKeepsAndTheReplyToItToo() {
        String subject = "QWERTY " + "x".repeat(InboxMessage.MAX_SUBJECT - 8) + "😀 and more";
        Conversation email = filed(post("mail-in", MAIL_SECRET, "{\"id\":\"<long@example.com>\",\"from\":"
                + "\"rahim@example.com\",\"subject\":\"" + subject + "\",\"text\":\"hello\"}"));

        String kept = inbox.messages(TENANT, email.id()).getFirst().subject();
        assertThat(kept).hasSize(InboxMessage.MAX_SUBJECT - 1).as("the emoji is not split").doesNotContain("\uD83D");
        assertThat(inbox.reply(TENANT, email.id(), "On it", Optional.empty()).isOk()).isTrue();
        String reply = inbox.messages(TENANT, email.id()).getLast().subject();
        assertThat(reply).startsWith("Re: QWERTY").hasSizeLessThanOrEqualTo(InboxMessage.MAX_SUBJECT);
    }
}
