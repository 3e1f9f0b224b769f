package io.travobooks.examples;

import com.ibm.icu.util.Currency;
import com.ibm.icu.util.CurrencyAmount;
import com.ibm.icu.util.ULocale;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.booking.service.ApprovalPolicy;
import io.travobooks.booking.service.Booking;
import io.travobooks.booking.service.BookingService;
import io.travobooks.booking.service.BookingServiceOptions;
import io.travobooks.booking.service.BookingTerms;
import io.travobooks.channel.email.SmtpEmailProvider;
import io.travobooks.embedded.EmbeddedJobQueue;
import io.travobooks.embedded.EmbeddedLockManager;
import io.travobooks.embedded.EmbeddedRateLimiter;
import io.travobooks.eticket.ETicket;
import io.travobooks.eticket.ETicketRenderer;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.LedgerOptions;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.Notifier;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.messaging.notify.RecipientPreferences;
import io.travobooks.messaging.webhook.AddressRange;
import io.travobooks.messaging.webhook.DeliveryPolicy;
import io.travobooks.messaging.webhook.SsrfGuard;
import io.travobooks.messaging.EventCatalog;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.messaging.webhook.WebhookEndpoints;
import io.travobooks.messaging.webhook.WebhookSecret;
import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.spi.Money;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.outbox.OutboxEvent;
import io.travobooks.spi.outbox.OutboxStore;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.spi.queue.QueueWorker;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.spi.supplier.SupplierOrder;
import io.travobooks.spi.supplier.SupplierResult;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.JdbiOutboxStore;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.supplier.sim.SimulatedAirline;
import io.travobooks.supplier.sim.SimulationOptions;
import io.travobooks.templates.icu.NotificationTemplates;
import io.travobooks.webhook.http.OutboxWebhookPump;
import io.travobooks.webhook.http.WebhookSender;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A ticket is issued, and the world hears of it, on the embedded default (H2 under {@code ./data}, the
 * database-backed queue): the customer gets an email in Bangla with the e-ticket PDF attached (through SMTP to
 * GreenMail, a mail server started in this JVM), and the agency's back office gets a signed webhook (on a local
 * HTTP receiver, which checks the signature). Both travel from the outbox event the issue committed, through the
 * queue: consumer group {@value OutboxWebhookPump#GROUP} for webhooks, {@value #NOTIFICATIONS} for messages.
 *
 * <p>Loopback is a forbidden webhook target by default (the SSRF guard); this example allows it explicitly.
 */
public final class MessagingQuickstart {
    static final String NOTIFICATIONS = "notifications";
    private static final ZoneId DHAKA = ZoneId.of("Asia/Dhaka");
    private static final String AGENCY = "Dhaka Air Desk";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** What reached the customer and the back office. */
    record Delivered(Booking booking, MimeMessage email, WebhookRequest webhook, WebhookSecret secret,
                     List<MessageRecord> messages) {
    }

    /** A request the local webhook receiver got. */
    record WebhookRequest(Map<String, String> headers, byte[] body) {
    }

    private MessagingQuickstart() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args.length > 0 ? args[0] : "data");
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2File(dataDirectory))) {
            run(storage, System.out);
        }
    }

    static Delivered run(JdbcStorage storage, PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        String run = Long.toString(clock.millis() / 1000, 36).toUpperCase();
        RequestContext agency = RequestContext.of("dhaka-air-desk", "messaging-quickstart");
        SsrfGuard loopbackAllowed = SsrfGuard.withAllowed(List.of(AddressRange.parse("127.0.0.0/8")));
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try (Ledger ledger = new Ledger(storage.ledgerStore(), LedgerOptions.defaults()
                .withBackgroundEvery(Duration.ZERO));
             Receiver receiver = new Receiver();
             WebhookSender sender = new WebhookSender(loopbackAllowed, Duration.ofSeconds(2), Duration.ofSeconds(5),
                     256, clock)) {
            if (ledger.createTenant(agency.tenant(), java.util.Currency.getInstance("BDT")).isOk()) {
                ledger.chart().openAll(agency, ChartTemplates.travelAgency()).orThrow();
            }
            SimulatedAirline airline = new SimulatedAirline(SimulationOptions.emiratesDhaka(clock.millis()), clock);
            BookingService bookings = new BookingService(storage.bookingStore(), storage.outboxStore(), ledger,
                    new EmbeddedLockManager(), airline, tenant -> PostingRuleTemplates.travelAgency(),
                    ApprovalPolicy.NEVER, clock, BookingServiceOptions.defaults(DHAKA));

            // The back office's endpoint: issued tickets only, signed with a secret of its own (shown once).
            WebhookEndpoints endpoints = new WebhookEndpoints(storage.webhookStore(), loopbackAllowed,
                    EventCatalog.standard(), clock);
            WebhookEndpoints.Registered registered = endpoints.register(agency.tenant(), "back-office-" + run,
                    receiver.uri().toString(), Set.of("booking.issued")).orThrow();
            WebhookSecret secret = registered.secret();

            String bookingId = "BK-" + run + "-M";
            Notifier notifier = notifier(storage, smtp, bookings, airline, agency, bookingId, clock);
            EmbeddedJobQueue queue = new EmbeddedJobQueue(storage.queueStore(), QueueOptions.DEFAULTS, clock);
            WebhookDispatcher dispatcher = new WebhookDispatcher(storage.webhookStore(), storage.outboxStore(), sender,
                    new EmbeddedRateLimiter(), new DeliveryPolicy(new SplittableRandom()), clock,
                    new WebhookDispatcher.Options("quickstart", Duration.ofSeconds(30), 50,
                            RateLimit.perSecond(50, 50)));
            try (OutboxWebhookPump webhooks = OutboxWebhookPump.start(queue, dispatcher, 1, Duration.ofMillis(20),
                    error -> out.println("  webhook pump: " + error));
                 QueueWorker messages = QueueWorker.start(queue, OutboxStore.QUEUE, NOTIFICATIONS, 1,
                         delivery -> notifier.handle(JdbiOutboxStore.event(delivery.payload())),
                         error -> out.println("  notifier: " + error))) {
                out.println("== Hold, price and issue a Dhaka-Dubai ticket ==");
                String offer = airline.search("DAC", "DXB", LocalDate.now(DHAKA).plusDays(30)).getFirst().offerId();
                bookings.hold(agency, bookingId, offer, List.of(new Passenger("RAHIM", "UDDIN")),
                        BookingTerms.bspAgent(Money.of("2800", "BDT"), Money.of("1000", "BDT"),
                                Money.of("150", "BDT"))).orThrow();
                bookings.price(agency, bookingId).orThrow();
                Booking issued = bookings.issue(agency, bookingId, "issue-" + bookingId).orThrow();
                out.printf("  %s issued: PNR %s, ticket %s%n", bookingId, issued.pnr(),
                        issued.documents().getFirst().number());

                // The SMTP server holds the email a moment before the notifier records it as sent: wait for both.
                String eventId = issuedEventId(storage, agency.tenant(), bookingId);
                Supplier<List<MessageRecord>> records = () -> storage.messageStore().transactions().inTransaction(
                        uow -> storage.messageStore().forEvent(uow, agency.tenant(), eventId));
                await(() -> smtp.getReceivedMessages().length > 0 && receiver.about(bookingId).isPresent()
                        && !records.get().isEmpty() && records.get().stream()
                        .noneMatch(message -> message.status() == MessageRecord.Status.QUEUED),
                        "the email, its record and the webhook");
                Delivered delivered = new Delivered(issued, smtp.getReceivedMessages()[0],
                        receiver.about(bookingId).orElseThrow(), secret, records.get());
                report(delivered, out, clock);
                return delivered;
            } finally {
                // The receiver goes away with this run: its endpoint must not collect retries in later runs.
                endpoints.disable(agency.tenant(), registered.endpoint().id(), "the quickstart's receiver stopped");
            }
        } finally {
            smtp.stop();
        }
    }

    /**
     * Email only, to one customer who reads Bangla, for the booking this run issues: the issue template, with
     * the e-ticket PDF attached.
     */
    private static Notifier notifier(JdbcStorage storage, GreenMail smtp, BookingService bookings,
                                     SimulatedAirline airline, RequestContext agency, String bookingId, Clock clock) {
        NotificationTemplates templates = new NotificationTemplates();
        ETicketRenderer etickets = new ETicketRenderer(templates);
        Notifier.Recipient rahim = new Notifier.Recipient("cust-rahim", "bn-BD",
                Map.of(Channel.EMAIL, "rahim.uddin@example.com"), RecipientPreferences.defaults());
        Notifier.Recipients recipients = event -> event.type().equals("booking.issued")
                && bookingId.equals(event.data().get("bookingId")) ? List.of(rahim) : List.of();
        Notifier.Content content = (event, channel, language) -> {
            Booking booking = bookings.find(agency, (String) event.data().get("bookingId")).orElseThrow();
            SupplierOrder order = ((SupplierResult.Success<SupplierOrder>) airline.retrieve(booking.pnr())).value();
            List<Segment> segments = order.offer().segments();
            ULocale locale = ULocale.forLanguageTag(language);
            Money total = booking.farePerPassenger().total();
            Map<String, Object> arguments = new HashMap<>();
            arguments.put("passenger", booking.passengers().getFirst().givenName() + " "
                    + booking.passengers().getFirst().surname());
            arguments.put("pnr", booking.pnr());
            arguments.put("tickets", booking.documents().size());
            arguments.put("total", new CurrencyAmount(total.toDecimal(), Currency.getInstance(
                    total.currency().getCurrencyCode())));
            arguments.put("departure", Date.from(segments.getFirst().departure().toInstant(ZoneOffset.UTC)));
            return templates.render(event.type(), "email", locale, arguments).map(rendered ->
                    new Notifier.Rendered(rendered.subject(), rendered.body(), List.of(new Attachment(
                            "e-ticket-" + booking.pnr() + ".pdf", "application/pdf",
                            etickets.render(ETicket.of(booking, segments, AGENCY, clock.instant(), DHAKA),
                                    locale)))));
        };
        SmtpEmailProvider relay = new SmtpEmailProvider(SmtpEmailProvider.Config.local("local-smtp", "127.0.0.1",
                smtp.getSmtp().getPort(), "tickets@dhaka-air-desk.example"));
        return new Notifier(storage.messageStore(), Map.of(Channel.EMAIL, new ProviderChain(List.of(relay))),
                recipients, content, clock);
    }

    private static String issuedEventId(JdbcStorage storage, TenantId tenant, String bookingId) {
        return storage.bookingStore().transactions().inTransaction(uow ->
                        storage.outboxStore().read(uow, 0, Integer.MAX_VALUE)).stream()
                .map(OutboxStore.Stored::event)
                .filter(event -> event.tenant().equals(tenant) && event.type().equals("booking.issued")
                        && bookingId.equals(event.data().get("bookingId")))
                .map(OutboxEvent::id).findFirst().orElseThrow();
    }

    private static void report(Delivered delivered, PrintStream out, Clock clock) throws Exception {
        out.println();
        out.println("== The customer's email (received by the local SMTP server) ==");
        out.println("  to:      " + delivered.email().getAllRecipients()[0]);
        out.println("  subject: " + delivered.email().getSubject());
        Multipart parts = (Multipart) delivered.email().getContent();
        out.println("  body:    " + parts.getBodyPart(0).getContent());
        Part pdf = parts.getBodyPart(1);
        out.println("  attached: " + pdf.getFileName() + " (" + pdf.getInputStream().readAllBytes().length
                + " bytes, " + pdf.getContentType().split(";")[0] + ")");
        for (MessageRecord message : delivered.messages()) {
            out.println("  status:  " + message.status() + " via " + message.provider().orElse("-") + " "
                    + message.providerMessageId().orElse(""));
        }
        out.println();
        out.println("== The back office's webhook (received by the local HTTP receiver) ==");
        Map<String, String> headers = delivered.webhook().headers();
        out.println("  webhook-id:        " + headers.get(WebhookSignature.ID_HEADER));
        out.println("  webhook-signature: " + headers.get(WebhookSignature.SIGNATURE_HEADER));
        out.println("  signature check:   " + WebhookSignature.verify(List.of(delivered.secret()), headers,
                delivered.webhook().body(), clock.instant(), WebhookSignature.DEFAULT_TOLERANCE)
                .map(failure -> "FAILED " + failure).orElse("verified with the endpoint's secret"));
        out.println("  body:              " + new String(delivered.webhook().body(), StandardCharsets.UTF_8));
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not arrive within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }

    /** The back office: a local HTTP endpoint that answers 204 and keeps what it received. */
    private static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<WebhookRequest> received = Collections.synchronizedList(new ArrayList<>());

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                try (exchange; InputStream in = exchange.getRequestBody()) {
                    Map<String, String> headers = new HashMap<>();
                    exchange.getRequestHeaders().forEach((name, values) ->
                            headers.put(name.toLowerCase(), values.getFirst()));
                    received.add(new WebhookRequest(headers, in.readAllBytes()));
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/travo/webhooks");
        }

        /** The delivery about {@code bookingId}, once it came. */
        Optional<WebhookRequest> about(String bookingId) {
            synchronized (received) {
                return received.stream().filter(request -> new String(request.body(), StandardCharsets.UTF_8)
                        .contains("\"" + bookingId + "\"")).findFirst();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
