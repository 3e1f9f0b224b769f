package io.travobooks.messaging.inbox;

import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.RetryPolicy;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import io.travobooks.spi.inbox.Conversation;
import io.travobooks.spi.inbox.InboxMessage;
import io.travobooks.spi.inbox.InboxStore;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The unified inbox: what customers write on email, SMS or WhatsApp lands in one conversation per contact, linked
 * to the bookings it names (a PNR, a ticket number or a booking id in the subject or text, as the
 * {@link BookingLookup} confirms) or that an agent links by hand. A new message reopens a resolved conversation.
 * Agents assign conversations, set their status, and reply; a reply goes out on the channel the customer used, and
 * on WhatsApp as free text only within 24 hours of the customer's last message (an approved template after that).
 * Commands that cannot be carried out are refused with an {@link InboxErrorCode} and change nothing.
 */
public final class Inbox {
    private static final int MAX_REPLY = 4_096;
    private static final int MAX_ASSIGNEE = 200;

    private final InboxStore store;
    private final BookingLookup bookings;
    private final Map<Channel, ProviderChain> channels;
    private final Pattern bookingIds;
    private final Clock clock;
    private final RetryPolicy retryPolicy;

    public Inbox(InboxStore store, BookingLookup bookings, Map<Channel, ProviderChain> channels, Clock clock) {
        this(store, bookings, channels, BookingReference.DEFAULT_BOOKING_ID, clock);
    }

    /** @param bookingIds the application's booking id format, for finding booking ids in messages */
    public Inbox(InboxStore store, BookingLookup bookings, Map<Channel, ProviderChain> channels, Pattern bookingIds,
                 Clock clock) {
        this(store, bookings, channels, bookingIds, clock, RetryPolicy.DEFAULT);
    }

    private Inbox(InboxStore store, BookingLookup bookings, Map<Channel, ProviderChain> channels, Pattern bookingIds,
                  Clock clock, RetryPolicy retryPolicy) {
        this.store = Objects.requireNonNull(store, "store");
        this.bookings = Objects.requireNonNull(bookings, "bookings");
        this.channels = new LinkedHashMap<>(channels);
        this.bookingIds = Objects.requireNonNull(bookingIds, "bookingIds");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** The same inbox, running lost races again under {@code policy} instead of {@link RetryPolicy#DEFAULT}. */
    public Inbox withRetryPolicy(RetryPolicy policy) {
        return new Inbox(store, bookings, channels, bookingIds, clock, policy);
    }

    /** Files an inbound message in its contact's conversation (opened if new, reopened if resolved). */
    public Conversation receive(Inbound inbound) {
        Set<String> named = new LinkedHashSet<>();
        for (BookingReference reference : BookingReference.findIn(inbound.subject() + "\n" + inbound.text(),
                bookingIds)) {
            bookings.bookingFor(inbound.tenant(), reference).ifPresent(named::add);
        }
        String messageId = inbound.channel().name().toLowerCase() + ":" + inbound.providerMessageId();
        return store.transactions().inTransactionRetrying(uow -> {
            // Locked: messages from one contact arriving at once are all filed, with no change lost. A contact's
            // first messages arriving at once each open a conversation: one insert wins, the others retry.
            Conversation conversation = store.conversationWithForUpdate(uow, inbound.tenant(),
                    inbound.channel().name(), inbound.from()).orElseGet(() -> new Conversation(inbound.tenant(), UUID.randomUUID().toString(),
                    inbound.channel().name(), inbound.from(), Conversation.Status.OPEN, Optional.empty(), Set.of(),
                    Optional.empty(), inbound.at()));
            // What a customer wrote is kept even when it is longer than a store keeps: cut, not refused.
            if (!store.addMessage(uow, new InboxMessage(inbound.tenant(), conversation.id(), messageId,
                    InboxMessage.Direction.INBOUND, clip(inbound.subject(), InboxMessage.MAX_SUBJECT),
                    clip(inbound.text(), InboxMessage.MAX_TEXT), inbound.at()))) {
                return conversation; // the provider delivered this message before
            }
            Instant now = clock.instant();
            Instant lastInbound = conversation.lastInboundAt().filter(last -> last.isAfter(inbound.at()))
                    .orElse(inbound.at());
            Conversation updated = conversation.withInboundAt(lastInbound).withStatus(Conversation.Status.OPEN, now)
                    .withBookings(named, now);
            store.saveConversation(uow, updated);
            return updated;
        }, retryPolicy);
    }

    public Outcome<Conversation> link(TenantId tenant, String conversationId, String bookingId) {
        if (bookingId == null || bookingId.isBlank() || bookingId.length() > 64) {
            return Outcome.refused(InboxErrorCode.INBOX_INVALID_INPUT, "a booking id is 1 to 64 characters");
        }
        return update(tenant, conversationId, c -> c.withBookings(Set.of(bookingId), clock.instant()));
    }

    public Outcome<Conversation> assign(TenantId tenant, String conversationId, Optional<String> assignee) {
        if (assignee.filter(a -> a.isBlank() || a.length() > MAX_ASSIGNEE).isPresent()) {
            return Outcome.refused(InboxErrorCode.INBOX_INVALID_INPUT, "an assignee is 1 to " + MAX_ASSIGNEE
                    + " characters");
        }
        return update(tenant, conversationId, c -> c.withAssignee(assignee, clock.instant()));
    }

    public Outcome<Conversation> setStatus(TenantId tenant, String conversationId, Conversation.Status status) {
        Objects.requireNonNull(status, "status");
        return update(tenant, conversationId, c -> c.withStatus(status, clock.instant()));
    }

    private Outcome<Conversation> update(TenantId tenant, String conversationId,
                                         UnaryOperator<Conversation> change) {
        return store.transactions().inTransactionRetrying(uow -> {
            Optional<Conversation> found = store.conversationForUpdate(uow, tenant, conversationId);
            if (found.isEmpty()) {
                return notFound(conversationId);
            }
            Conversation changed = change.apply(found.get());
            store.saveConversation(uow, changed);
            return Outcome.ok(changed);
        }, retryPolicy);
    }

    /**
     * Replies on the conversation's channel to the contact's address, with {@code template} where free text may
     * not go (WhatsApp outside the window). The reply is filed in the conversation once a provider took it.
     */
    public Outcome<InboxMessage> reply(TenantId tenant, String conversationId, String text,
                                       Optional<ApprovedTemplate> template) {
        if (text == null || text.isBlank() || text.length() > MAX_REPLY) {
            return Outcome.refused(InboxErrorCode.INBOX_INVALID_INPUT, "a reply is 1 to " + MAX_REPLY
                    + " characters");
        }
        Optional<Conversation> found = store.transactions().inTransaction(uow ->
                store.conversation(uow, tenant, conversationId));
        if (found.isEmpty()) {
            return notFound(conversationId);
        }
        Conversation conversation = found.get();
        Channel channel = Channel.valueOf(conversation.channel());
        ProviderChain providers = channels.get(channel);
        if (providers == null) {
            return Outcome.refused(InboxErrorCode.INBOX_NO_CHANNEL, "no provider sends " + channel);
        }
        Instant now = clock.instant();
        Optional<ApprovedTemplate> sendAs = Optional.empty();
        if (channel == Channel.WHATSAPP && !Notifier.windowOpen(conversation.lastInboundAt(), now)) {
            if (template.isEmpty()) {
                return Outcome.refused(InboxErrorCode.INBOX_WINDOW_CLOSED, "the customer last wrote "
                        + conversation.lastInboundAt().map(Instant::toString).orElse("never")
                        + "; outside the 24-hour window only an approved template may be sent");
            }
            sendAs = template;
        }
        String subject = channel == Channel.EMAIL ? replySubject(tenant, conversationId) : "";
        String messageId = "reply-" + UUID.randomUUID();
        ProviderChain.Attempts sent = providers.send(new OutboundMessage(messageId, tenant, conversation.address(),
                subject, text, List.of(), sendAs));
        return switch (sent.result()) {
            case SendResult.Accepted accepted -> {
                InboxMessage reply = new InboxMessage(tenant, conversationId, messageId,
                        InboxMessage.Direction.OUTBOUND, subject, text, now);
                store.transactions().inTransaction(uow -> store.addMessage(uow, reply));
                yield Outcome.ok(reply);
            }
            case SendResult.Rejected rejected -> Outcome.refused(InboxErrorCode.INBOX_SEND_REJECTED,
                    sent.provider() + ": " + rejected.reason());
            case SendResult.Failed failed -> Outcome.refused(InboxErrorCode.INBOX_SEND_FAILED,
                    sent.provider() + ": " + failed.reason());
            case SendResult.Unknown unknown -> Outcome.refused(InboxErrorCode.INBOX_SEND_UNKNOWN,
                    sent.provider() + ": " + unknown.reason());
        };
    }

    /** "Re: " and the customer's last subject, so that the reply threads with what they wrote. */
    private String replySubject(TenantId tenant, String conversationId) {
        List<InboxMessage> messages = messages(tenant, conversationId);
        String last = messages.reversed().stream().filter(m -> m.direction() == InboxMessage.Direction.INBOUND)
                .map(InboxMessage::subject).filter(s -> !s.isBlank()).findFirst().orElse("");
        return clip(last.regionMatches(true, 0, "Re:", 0, 3) ? last : ("Re: " + last).strip(),
                InboxMessage.MAX_SUBJECT);
    }

    /** At most {@code max} chars of {@code text}, not splitting a surrogate pair. */
    private static String clip(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    public List<InboxMessage> messages(TenantId tenant, String conversationId) {
        return store.transactions().inTransaction(uow -> store.messages(uow, tenant, conversationId));
    }

    public Optional<Conversation> conversation(TenantId tenant, String conversationId) {
        return store.transactions().inTransaction(uow -> store.conversation(uow, tenant, conversationId));
    }

    /** When contacts last wrote, for the {@link Notifier}'s WhatsApp window. */
    public Notifier.ConversationWindow window() {
        return (tenant, channel, address) -> store.transactions().inTransaction(uow ->
                store.conversationWith(uow, tenant, channel.name(), address)).flatMap(Conversation::lastInboundAt);
    }

    private static <T> Outcome<T> notFound(String conversationId) {
        return Outcome.refused(InboxErrorCode.INBOX_CONVERSATION_NOT_FOUND, "no conversation " + conversationId);
    }
}
