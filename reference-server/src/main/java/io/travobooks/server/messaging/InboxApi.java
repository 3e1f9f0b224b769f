package io.travobooks.server.messaging;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.service.BookingService;
import io.travobooks.messaging.inbox.Inbox;
import io.travobooks.messaging.inbox.InboxErrorCode;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.inbox.Conversation;
import io.travobooks.spi.inbox.InboxMessage;
import io.travobooks.spi.inbox.InboxStore;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/** The unified inbox over HTTP: conversations and their messages, assigning, status, linking a booking, replying. */
public final class InboxApi {
    private static final Set<InboxErrorCode> MISSING = Set.of(InboxErrorCode.INBOX_CONVERSATION_NOT_FOUND);

    private final Inbox inbox;
    private final InboxStore store;
    private final BookingService bookings;

    public InboxApi(Inbox inbox, InboxStore store, BookingService bookings) {
        this.inbox = inbox;
        this.store = store;
        this.bookings = bookings;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listConversations", this::list,
                "getConversation", call -> Reply.ok(ConversationView.of(inbox.conversation(call.tenant(),
                        conversationId(call)).orElseThrow(() -> missing(call)))),
                "listConversationMessages", this::messages,
                "assignConversation", call -> conversation(call, inbox.assign(call.tenant(), conversationId(call),
                        call.bodyAs(Assignment.class).assignee())),
                "setConversationStatus", call -> conversation(call, inbox.setStatus(call.tenant(),
                        conversationId(call), Conversation.Status.valueOf(call.bodyAs(StatusChange.class).status()))),
                "linkConversationBooking", this::link,
                "replyToConversation", this::reply);
    }

    record Assignment(Optional<String> assignee) {
    }

    record StatusChange(String status) {
    }

    record BookingLink(String bookingId) {
    }

    record TemplateBody(String name, String language, Optional<List<String>> parameters) {
    }

    record ReplyBody(String text, Optional<TemplateBody> template) {
    }

    record ConversationView(String id, String channel, String address, String status, Optional<String> assignee,
                            List<String> bookingIds, Optional<Instant> lastInboundAt, Instant updatedAt) {
        static ConversationView of(Conversation conversation) {
            return new ConversationView(conversation.id(), conversation.channel(), conversation.address(),
                    conversation.status().name(), conversation.assignee(), List.copyOf(conversation.bookingIds()),
                    conversation.lastInboundAt(), conversation.updatedAt());
        }
    }

    record MessageView(String id, String direction, String subject, String text, Instant at) {
        static MessageView of(InboxMessage message) {
            return new MessageView(message.messageId(), message.direction().name(), message.subject(),
                    message.text(), message.at());
        }
    }

    private Reply list(Call call) {
        int limit = Page.limit(call);
        Optional<Conversation.Status> status = call.query("status").map(Conversation.Status::valueOf);
        Optional<InboxStore.Position> after = Page.timeAndId(call)
                .map(p -> new InboxStore.Position(p.at(), p.id()));
        Optional<String> booking = call.query("booking");
        List<Conversation> rows = store.transactions().inTransaction(uow -> booking.isPresent()
                ? about(store.conversationsAbout(uow, call.tenant(), booking.get()), status, after, limit + 1)
                : store.conversations(uow, call.tenant(), status.orElse(Conversation.Status.OPEN), after, limit + 1));
        return Reply.ok(Page.of(rows, limit, c -> Page.TimeAndId.of(c.updatedAt(), c.id()), ConversationView::of));
    }

    /** A booking's conversations in the inbox's order (most recently updated first, ties by id), paged alike. */
    private static List<Conversation> about(List<Conversation> linked, Optional<Conversation.Status> status,
                                            Optional<InboxStore.Position> after, int max) {
        return linked.stream()
                .filter(c -> status.map(c.status()::equals).orElse(true))
                .filter(c -> after.map(position -> comesAfter(c, position)).orElse(true))
                .sorted(Comparator.comparing(Conversation::updatedAt).reversed().thenComparing(Conversation::id))
                .limit(max).toList();
    }

    private static boolean comesAfter(Conversation conversation, InboxStore.Position position) {
        int older = position.updatedAt().compareTo(conversation.updatedAt());
        return older > 0 || older == 0 && conversation.id().compareTo(position.conversationId()) > 0;
    }

    private Reply messages(Call call) {
        inbox.conversation(call.tenant(), conversationId(call)).orElseThrow(() -> missing(call));
        int limit = Page.limit(call);
        int from = Page.position(call).map(InboxApi::index).orElse(0);
        List<InboxMessage> all = inbox.messages(call.tenant(), conversationId(call));
        List<Integer> rows = IntStream.range(Math.min(from, all.size()), Math.min(from + limit + 1, all.size()))
                .boxed().toList();
        return Reply.ok(Page.of(rows, limit, i -> Integer.toString(i + 1), i -> MessageView.of(all.get(i))));
    }

    private static int index(String position) {
        try {
            return Math.max(0, Integer.parseInt(position));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("cursor", "not a cursor this server gave");
        }
    }

    private Reply link(Call call) {
        String bookingId = call.bodyAs(BookingLink.class).bookingId();
        inbox.conversation(call.tenant(), conversationId(call)).orElseThrow(() -> missing(call));
        if (bookings.find(call.context(), bookingId).isEmpty()) {
            throw new ApiProblem(422, BookingErrorCode.BOOKING_NOT_FOUND.name(), "Refused", "no booking " + bookingId);
        }
        return conversation(call, inbox.link(call.tenant(), conversationId(call), bookingId));
    }

    private Reply reply(Call call) {
        ReplyBody body = call.bodyAs(ReplyBody.class);
        Optional<ApprovedTemplate> template = body.template().map(t -> new ApprovedTemplate(t.name(), t.language(),
                t.parameters().orElse(List.of())));
        return switch (inbox.reply(call.tenant(), conversationId(call), body.text(), template)) {
            case Outcome.Ok<InboxMessage> ok -> Reply.created(MessageView.of(ok.value()));
            case Outcome.Refused<InboxMessage> refused -> throw ApiProblem.refused(
                    MISSING.contains(refused.rejection().code()) ? 404 : 422, refused.rejection());
        };
    }

    private static Reply conversation(Call call, Outcome<Conversation> outcome) {
        return switch (outcome) {
            case Outcome.Ok<Conversation> ok -> Reply.ok(ConversationView.of(ok.value()));
            case Outcome.Refused<Conversation> refused -> throw MISSING.contains(refused.rejection().code())
                    ? missing(call) : ApiProblem.refused(refused.rejection());
        };
    }

    private static String conversationId(Call call) {
        return call.path("conversation_id");
    }

    private static ApiProblem missing(Call call) {
        return ApiProblem.notFound(InboxErrorCode.INBOX_CONVERSATION_NOT_FOUND,
                "no conversation " + conversationId(call));
    }
}
