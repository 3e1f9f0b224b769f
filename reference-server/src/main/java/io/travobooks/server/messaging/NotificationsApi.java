package io.travobooks.server.messaging;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.messaging.notify.Category;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.RecipientPreferences;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.ETags;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.ChangedSinceRead;
import io.travobooks.spi.channel.ApprovedTemplate;
import io.travobooks.spi.channel.Attachment;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Recipients and their preferences, who follows a booking, and previews of what a booking event says. */
public final class NotificationsApi {
    private final RecipientStore recipients;
    private final BookingService bookings;
    private final NotificationContent content;
    private final AgencyTime time;

    public NotificationsApi(RecipientStore recipients, BookingService bookings, NotificationContent content,
                            AgencyTime time) {
        this.recipients = recipients;
        this.bookings = bookings;
        this.content = content;
        this.time = time;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listRecipients", this::list,
                "getRecipient", call -> recipient(recipients.find(call.tenant(), recipientId(call))
                        .orElseThrow(() -> ApiProblem.notFound("RECIPIENT_NOT_FOUND",
                                "no recipient " + recipientId(call)))),
                "putRecipient", this::put,
                "getBookingRecipients", call -> Reply.ok(new BookingRecipients(recipients.followers(call.tenant(),
                        booking(call).id()))),
                "setBookingRecipients", this::follow,
                "previewTemplate", this::preview);
    }

    record AddressesView(Optional<String> email, Optional<String> sms, Optional<String> whatsapp) {
        Map<Channel, String> toMap() {
            Map<Channel, String> addresses = new EnumMap<>(Channel.class);
            email.ifPresent(a -> addresses.put(Channel.EMAIL, a));
            sms.ifPresent(a -> addresses.put(Channel.SMS, a));
            whatsapp.ifPresent(a -> addresses.put(Channel.WHATSAPP, a));
            return addresses;
        }

        static AddressesView of(Map<Channel, String> addresses) {
            return new AddressesView(Optional.ofNullable(addresses.get(Channel.EMAIL)),
                    Optional.ofNullable(addresses.get(Channel.SMS)),
                    Optional.ofNullable(addresses.get(Channel.WHATSAPP)));
        }
    }

    record RecipientChange(String language, AddressesView addresses, Optional<Map<String, List<String>>> optedOut,
                           Optional<String> transactionalChannel) {
    }

    record RecipientView(String id, String language, AddressesView addresses, Map<String, List<String>> optedOut,
                         String transactionalChannel, long version, Instant updatedAt) {
        static RecipientView of(Recipient recipient) {
            Map<String, List<String>> optedOut = new TreeMap<>();
            recipient.preferences().optedOut().forEach((channel, categories) -> {
                if (!categories.isEmpty()) {
                    optedOut.put(channel.name(), categories.stream().map(Category::name).sorted().toList());
                }
            });
            return new RecipientView(recipient.id(), recipient.languageTag(),
                    AddressesView.of(recipient.addresses()), optedOut,
                    recipient.preferences().transactionalChannel().name(), recipient.version(),
                    recipient.updatedAt());
        }
    }

    record BookingRecipients(List<String> recipientIds) {
    }

    record PreviewRequest(String eventType, String channel, String locale, String bookingId) {
    }

    record PreviewView(String subject, String body, List<String> attachments,
                       Optional<ApprovedTemplate> approvedTemplate) {
    }

    private Reply list(Call call) {
        int limit = Page.limit(call);
        return Reply.ok(Page.of(recipients.list(call.tenant(), Page.position(call), limit + 1), limit,
                Recipient::id, RecipientView::of));
    }

    private Reply put(Call call) {
        RecipientChange change = call.bodyAs(RecipientChange.class);
        Map<Channel, Set<Category>> optedOut = new EnumMap<>(Channel.class);
        change.optedOut().orElse(Map.of()).forEach((channel, categories) -> optedOut.put(Channel.valueOf(channel),
                new HashSet<>(categories.stream().map(Category::valueOf).toList())));
        RecipientPreferences preferences = new RecipientPreferences(optedOut,
                change.transactionalChannel().map(Channel::valueOf).orElse(Channel.EMAIL));
        Optional<String> ifMatch = call.header(ETags.IF_MATCH);
        try {
            return recipient(recipients.put(call.tenant(), recipientId(call), change.language(),
                    change.addresses().toMap(), preferences,
                    current -> ifMatch.isEmpty() || current.map(r -> ETags.matches(ifMatch, etag(r))).orElse(false),
                    time.now()));
        } catch (ChangedSinceRead changed) {
            throw ETags.changed("recipient " + recipientId(call) + " is not as it was read");
        }
    }

    private Reply follow(Call call) {
        Booking booking = booking(call);
        List<String> ids = call.bodyAs(BookingRecipients.class).recipientIds();
        Set<String> unknown = recipients.follow(call.tenant(), booking.id(), new HashSet<>(ids));
        if (!unknown.isEmpty()) {
            throw new ApiProblem(422, "RECIPIENT_NOT_FOUND", "Refused", "no recipients " + unknown);
        }
        return Reply.ok(new BookingRecipients(recipients.followers(call.tenant(), booking.id())));
    }

    private Reply preview(Call call) {
        PreviewRequest request = call.bodyAs(PreviewRequest.class);
        Booking booking = bookings.find(call.context(), request.bookingId()).orElseThrow(() -> new ApiProblem(422,
                BookingErrorCode.BOOKING_NOT_FOUND.name(), "Refused", "no booking " + request.bookingId()));
        Notifier.Rendered rendered = content.render(request.eventType(), Channel.valueOf(request.channel()),
                request.locale(), booking).orElseThrow(() -> new ApiProblem(422, "TEMPLATE_NOT_FOUND", "Refused",
                "no " + request.channel() + " template says " + request.eventType() + ", or the booking no longer "
                        + "holds what it would say (an EMD's or exchange's amount, a confirmed refund's)"));
        return Reply.ok(new PreviewView(rendered.subject(), rendered.body(),
                rendered.attachments().stream().map(Attachment::fileName).toList(), rendered.template()));
    }

    private static Reply recipient(Recipient recipient) {
        return Reply.ok(RecipientView.of(recipient)).withHeader(ETags.ETAG, etag(recipient));
    }

    private static String etag(Recipient recipient) {
        return ETags.of(recipient.id(), recipient.version());
    }

    private Booking booking(Call call) {
        String id = call.path("booking_id");
        return bookings.find(call.context(), id).orElseThrow(() -> ApiProblem.notFound(
                BookingErrorCode.BOOKING_NOT_FOUND, "no booking " + id));
    }

    private static String recipientId(Call call) {
        return call.path("recipient_id");
    }
}
