package io.travobooks.messaging.notify;

import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.channel.MessageStore;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import io.travobooks.spi.outbox.OutboxEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an event into messages: for each recipient of the event, on each channel they take it on (their
 * preferences; critical messages always on their transactional channel) and have an address for, one message,
 * rendered in their language and sent through the channel's providers. Each message is recorded before it is
 * sent and its status after, so an event handled again (the queue delivers at least once) sends only what was not
 * recorded as sent: at least once, not exactly once, since a crash between a provider's acceptance and the record
 * sends the message again (under the same message id, which HTTP providers take as an idempotency key). A message
 * no provider could take now stays queued; one whose provider's answer did not come back stays queued bound to that
 * provider, which alone is asked again (another could send it twice); {@link #handle} then ends with
 * {@link Deferred} so that the event is handled again later; one that every provider refuses is failed for good.
 */
public final class Notifier {

    /** Who hears of an event, for example the booking's customer. */
    @FunctionalInterface
    public interface Recipients {
        List<Recipient> of(OutboxEvent event);
    }

    /**
     * A person to notify: their language (a BCP 47 tag such as {@code bn-BD}), their address per channel, and their
     * preferences.
     */
    public record Recipient(String id, String languageTag, Map<Channel, String> addresses,
                            RecipientPreferences preferences) {
        public Recipient {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(languageTag, "languageTag");
            addresses = Map.copyOf(addresses);
            Objects.requireNonNull(preferences, "preferences");
        }
    }

    /** A message's content for one channel and language; empty when there is no template for it. */
    @FunctionalInterface
    public interface Content {
        Optional<Rendered> render(OutboxEvent event, Channel channel, String languageTag);
    }

    /**
     * A rendered message, and the approved template that says the same where free text may not be sent (WhatsApp
     * outside the customer-service window).
     */
    public record Rendered(String subject, String body, List<Attachment> attachments,
                           Optional<ApprovedTemplate> template) {
        public Rendered {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(body, "body");
            attachments = List.copyOf(attachments);
            Objects.requireNonNull(template, "template");
        }

        public Rendered(String subject, String body, List<Attachment> attachments) {
            this(subject, body, attachments, Optional.empty());
        }
    }

    /**
     * When a contact last wrote to us on a channel (the unified inbox knows): WhatsApp allows free text only
     * within {@link #WHATSAPP_WINDOW} of that.
     */
    @FunctionalInterface
    public interface ConversationWindow {
        Optional<Instant> lastInbound(TenantId tenant, Channel channel, String address);

        ConversationWindow NEVER = (tenant, channel, address) -> Optional.empty();
    }

    /** WhatsApp's customer-service window. */
    public static final Duration WHATSAPP_WINDOW = Duration.ofHours(24);

    /** Some messages of the event could not be sent now; handling the event again later sends them. */
    public static final class Deferred extends RuntimeException {
        public Deferred(String message) {
            super(message);
        }
    }

    private final MessageStore store;
    private final Map<Channel, ProviderChain> channels;
    private final Recipients recipients;
    private final Content content;
    private final ConversationWindow window;
    private final Clock clock;
    private final RetryPolicy retryPolicy;

    /** A notifier for contacts who never wrote to us (WhatsApp messages go out as approved templates). */
    public Notifier(MessageStore store, Map<Channel, ProviderChain> channels, Recipients recipients, Content content,
                    Clock clock) {
        this(store, channels, recipients, content, ConversationWindow.NEVER, clock);
    }

    /** @param channels the providers of each channel offered, in the order the channels are tried */
    public Notifier(MessageStore store, Map<Channel, ProviderChain> channels, Recipients recipients, Content content,
                    ConversationWindow window, Clock clock) {
        this(store, channels, recipients, content, window, clock, RetryPolicy.DEFAULT);
    }

    private Notifier(MessageStore store, Map<Channel, ProviderChain> channels, Recipients recipients, Content content,
                     ConversationWindow window, Clock clock, RetryPolicy retryPolicy) {
        this.store = Objects.requireNonNull(store, "store");
        this.channels = new LinkedHashMap<>(channels);
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.content = Objects.requireNonNull(content, "content");
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** The same notifier, running lost races again under {@code policy} instead of {@link RetryPolicy#DEFAULT}. */
    public Notifier withRetryPolicy(RetryPolicy policy) {
        return new Notifier(store, channels, recipients, content, window, clock, policy);
    }

    /** Sends what {@code event} calls for and returns the status of each of its messages. */
    public List<MessageRecord> handle(OutboxEvent event) {
        List<String> deferred = new ArrayList<>();
        for (Recipient recipient : recipients.of(event)) {
            List<Channel> offered = List.copyOf(channels.keySet());
            for (Channel channel : recipient.preferences().channelsFor(event.type(), offered)) {
                String address = recipient.addresses().get(channel);
                if (address != null) {
                    send(event, recipient, channel, address).ifPresent(deferred::add);
                }
            }
        }
        if (!deferred.isEmpty()) {
            throw new Deferred("event " + event.id() + ": " + String.join("; ", deferred));
        }
        return store.transactions().inTransaction(uow -> store.forEvent(uow, event.tenant(), event.id()));
    }

    /** Sends one message unless it was sent already; the reason when no provider could take it now. */
    private Optional<String> send(OutboxEvent event, Recipient recipient, Channel channel, String address) {
        String messageId = event.id() + "/" + channel.name().toLowerCase() + "/" + recipient.id();
        // Queued (newly or still): send it, through the provider it is bound to if an earlier answer was lost.
        Optional<MessageRecord> pending = store.transactions().inTransactionRetrying(uow -> {
            MessageRecord queued = MessageRecord.queued(event.tenant(), messageId, event.id(), channel.name(),
                    address, clock.instant());
            if (store.queue(uow, queued)) {
                return Optional.of(queued);
            }
            return store.find(uow, event.tenant(), messageId).filter(m -> m.status() == MessageRecord.Status.QUEUED);
        }, retryPolicy);
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        Optional<Rendered> rendered = content.render(event, channel, recipient.languageTag());
        if (rendered.isEmpty()) {
            fail(event, messageId, "no " + channel + " template for " + event.type() + " in "
                    + recipient.languageTag());
            return Optional.empty();
        }
        Optional<ApprovedTemplate> template = Optional.empty();
        if (channel == Channel.WHATSAPP && !withinWindow(event.tenant(), address)) {
            template = rendered.get().template();
            if (template.isEmpty()) {
                fail(event, messageId, "outside the " + WHATSAPP_WINDOW.toHours() + "-hour WhatsApp window, and "
                        + event.type() + " has no approved template in " + recipient.languageTag());
                return Optional.empty();
            }
        }
        ProviderChain.Attempts outcome = channels.get(channel).send(new OutboundMessage(messageId, event.tenant(),
                address, rendered.get().subject(), rendered.get().body(), rendered.get().attachments(), template),
                pending.get().provider());
        return switch (outcome.result()) {
            case SendResult.Accepted accepted -> {
                store.transactions().inTransaction(uow -> store.markSent(uow, event.tenant(), messageId,
                        outcome.provider(), accepted.providerMessageId(), clock.instant()));
                yield Optional.empty();
            }
            case SendResult.Rejected rejected -> {
                fail(event, messageId, outcome.provider() + ": " + rejected.reason());
                yield Optional.empty();
            }
            case SendResult.Failed failed -> Optional.of(messageId + " not sent: " + outcome.provider() + ": "
                    + failed.reason());
            case SendResult.Unknown unknown -> {
                store.transactions().inTransaction(uow -> store.markUnknown(uow, event.tenant(), messageId,
                        outcome.provider(), unknown.reason(), clock.instant()));
                yield Optional.of(messageId + " perhaps not sent: " + outcome.provider() + ": " + unknown.reason());
            }
        };
    }

    /** Whether the contact wrote to us on WhatsApp within the window, so that free text may be sent. */
    private boolean withinWindow(TenantId tenant, String address) {
        return windowOpen(window.lastInbound(tenant, Channel.WHATSAPP, address), clock.instant());
    }

    /** Whether free text may go to a WhatsApp contact who last wrote at {@code lastInbound} (if ever). */
    public static boolean windowOpen(Optional<Instant> lastInbound, Instant now) {
        return lastInbound.map(last -> !last.plus(WHATSAPP_WINDOW).isBefore(now)).orElse(false);
    }

    private void fail(OutboxEvent event, String messageId, String reason) {
        store.transactions().inTransaction(uow -> store.markFailed(uow, event.tenant(), messageId, reason,
                clock.instant()));
    }
}
