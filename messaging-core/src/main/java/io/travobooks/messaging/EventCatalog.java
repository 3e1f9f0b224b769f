package io.travobooks.messaging;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event types travoBooks publishes, each with the version of its data schema (JSON Schema 2020-12, a classpath
 * resource next to this class) and what it means. Every event travels in the one envelope of
 * {@link #ENVELOPE_SCHEMA}. A change a consumer could trip on gets a new version and schema; the old one stays
 * listed until no endpoint subscribes to it.
 */
public final class EventCatalog {
    public static final String ENVELOPE_SCHEMA = "/io/travobooks/messaging/events/envelope.v1.schema.json";
    private static final String BOOKING_V1 = "/io/travobooks/messaging/events/booking.v1.schema.json";
    private static final String WEBHOOK_V1 = "/io/travobooks/messaging/events/webhook.v1.schema.json";
    private static final String ACCOUNTING_V1 = "/io/travobooks/messaging/events/accounting.v1.schema.json";

    /** One event type: its name (for example {@code booking.issued}), schema version and data schema resource. */
    public record EventType(String name, int version, String dataSchema, String description) {
        public EventType {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataSchema, "dataSchema");
            Objects.requireNonNull(description, "description");
            if (version < 1) {
                throw new IllegalArgumentException("versions start at 1");
            }
        }
    }

    private final Map<String, EventType> types;

    private EventCatalog(List<EventType> types) {
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    }

    /** The events the booking service and the webhook dispatcher publish today. */
    public static EventCatalog standard() {
        return new EventCatalog(List.of(
                booking("booking.held", "the supplier holds seats until the ticketing time limit"),
                booking("booking.deposit_held", "the customer's deposit is held for the booking"),
                booking("booking.issued", "tickets are issued; the issue entry is posted"),
                booking("booking.issue_failed", "the supplier did not issue; the booking may be issued again"),
                booking("booking.emd_issued", "an EMD (bag, seat) was sold on the booking"),
                booking("booking.voided", "the tickets were voided; the issue is reversed"),
                booking("booking.refunded", "every document is refunded"),
                booking("booking.partially_refunded", "some documents are refunded; the booking stays issued"),
                booking("booking.exchanged", "the tickets were exchanged; the new ones are on a follow-on booking"),
                booking("booking.reissued", "the follow-on booking of an exchange, with the new tickets"),
                booking("booking.expired", "the hold passed its ticketing time limit"),
                booking("booking.cancelled", "the booking was cancelled before it was ticketed"),
                new EventType("accounting.posting_refused", 1, ACCOUNTING_V1, "the supplier acted on a booking but "
                        + "the ledger refused its postings (reason); the booking is marked, and the reconciler posts "
                        + "them once the cause is removed (for the back office, not the customer)"),
                new EventType("accounting.posted", 1, ACCOUNTING_V1,
                        "postings that waited for the ledger are posted (for the back office)"),
                new EventType("webhook.endpoint_disabled", 1, WEBHOOK_V1,
                        "an endpoint was disabled: it answered 410 Gone, or failed every delivery for days")));
    }

    private static EventType booking(String name, String description) {
        return new EventType(name, 1, BOOKING_V1, description);
    }

    public Optional<EventType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Every type, by name. */
    public List<EventType> types() {
        return types.values().stream().sorted(Comparator.comparing(EventType::name)).toList();
    }
}
