package io.travobooks.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.booking.posting.BillingCalendar;
import io.travobooks.booking.posting.PostingRuleTemplates;
import io.travobooks.channel.http.ProviderSignature;
import io.travobooks.messaging.webhook.WebhookDispatcher;
import io.travobooks.server.auth.Role;
import io.travobooks.server.contract.Operation;
import io.travobooks.server.http.Json;
import io.travobooks.server.rules.RulesJson;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.spi.channel.MessageStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;

/**
 * A valid request for every operation of the contract, in a tenant prepared by {@link #prepare}: the starting point
 * of the generated tests, which change it into invalid variants or send it with the wrong credentials. A test
 * fails when an operation has no sample, so a new operation cannot go untested.
 *
 * <p>Why one class of this size: it is one table, a sample per operation of the contract, and the one tenant they
 * are made in; split by tag, the samples would lose the prepared state they share.
 */
public final class OperationSamples {
    public static final String DAY = "2026-03-10";
    /** What {@link #prepare} made; the samples refer to these. */
    public static final String ACCOUNT = "1290";
    public static final String ENTRY = "sample-entry";
    public static final String HOLD = "sample-hold";
    public static final String SECOND_HOLD = "sample-hold-2";
    public static final String ENDPOINT = "ep-sample";
    public static final String RECIPIENT = "cust-sample";
    /** A password the rules accept: the prepared user's, and any new user's. */
    public static final String PASSWORD = "amber-falcon-drifts-over-77-lanterns";
    /** The travel-agency rules as the API shapes them: a valid new version of any tenant's rules. */
    private static final Object DEFAULT_RULES = Json.MAPPER.convertValue(
            RulesJson.RulesBody.of(PostingRuleTemplates.travelAgency()
                    .withBillingCalendar(BillingCalendar.semiMonthly().withRemittanceDays(10))), Map.class);
    private static final String SMS_PROVIDER_ID = "sms-provider-1";
    private static final Map<String, Object> RECIPIENT_BODY = Map.of("language", "bn-BD",
            "addresses", Map.of("email", "rahim@example.com", "sms", "+8801711000000"),
            "opted_out", Map.of("SMS", List.of("MARKETING")), "transactional_channel", "EMAIL");
    /** Operations across tenants: only the operator's key may call them. */
    public static final Set<String> OPERATOR_OPERATIONS = Set.of("createTenant", "getMetrics");
    /**
     * Operations that create the resource their path names when the tenant has none (PUT; a GET of the path reads
     * it back): another tenant's call makes its own, leaving the owner's as it was.
     */
    public static final Set<String> UPSERTS = Set.of("putRecipient", "putRole");
    /** Operations of a signed-in person on their own session or password: an API key is refused them. */
    public static final Set<String> PERSON_OPERATIONS = Set.of("deleteCurrentSession", "changeMyPassword",
            "startTotpSetup", "confirmTotpSetup", "removeMyTotp", "listMySessions", "endMySession", "listMyTokens",
            "createMyToken", "revokeMyToken");
    /** A role of the tenant's own that no one holds, for deleting. */
    public static final String DELETABLE_ROLE = "sample-deletable";
    /** A role of the tenant's own that stays, for reading and changing. */
    public static final String KEPT_ROLE = "sample-kept";
    /**
     * Operations whose path names something every tenant shares (the event catalog, the supplier's offers), not a
     * tenant's own.
     */
    public static final Set<String> SHARED_RESOURCES = Set.of("getEventType", "getOffer");

    private OperationSamples() {
    }

    /** A request: its path and query parameters, its body, and headers beyond the key and Idempotency-Key. */
    public record Sample(Map<String, String> path, Map<String, String> query, Optional<Object> body,
                         Map<String, String> headers) {
        public Sample(Map<String, String> path, Map<String, String> query, Optional<Object> body) {
            this(path, query, body, Map.of());
        }

        public String url(Operation operation) {
            String url = operation.pathTemplate();
            for (Map.Entry<String, String> parameter : path.entrySet()) {
                url = url.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
            }
            if (!query.isEmpty()) {
                url += "?" + query.entrySet().stream().map(q -> q.getKey() + "=" + encode(q.getValue()))
                        .collect(Collectors.joining("&"));
            }
            return url;
        }

        public Sample withPath(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(path);
            changed.put(name, value);
            return new Sample(changed, query, body, headers);
        }

        public Sample withQuery(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(query);
            changed.put(name, value);
            return new Sample(path, changed, body, headers);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** What {@link #prepare} made that the samples name: a key, an offer, bookings in the states they need. */
    public record Prepared(String keyId, String offerId, Map<String, String> documents, Map<String, String> quotes,
                           String billingPeriod, String deadDelivery, Inbox inbox, User user,
                           List<Held> approvals, Map<String, String> oidcSignIn, String secretApproval) {
        /** The first document of booking {@code bookingId}. */
        public String document(String bookingId) {
            return documents.get(bookingId);
        }
    }

    /**
     * Opens account {@link #ACCOUNT}, posts entry {@link #ENTRY}, reserves {@link #HOLD} and {@link #SECOND_HOLD},
     * makes a key, and holds, prices, issues and quotes the bookings the booking samples act on.
     */
    public static Prepared prepare(ApiClient tenant, TestServer server) {
        tenant.post("/v1/accounts", Map.of("code", ACCOUNT, "name", "Wallet float", "type", "ASSET", "parent", "1"));
        tenant.post("/v1/journal-entries", entry(ENTRY, DAY, dr("1100", 100), cr("4300", 100)));
        tenant.post("/v1/journal-entries", entry("sample-last-year", "2025-05-01", dr("1100", 100), cr("4300", 100)));
        tenant.post("/v1/pending-entries", entry(HOLD, DAY, dr("1100", 100), cr("2200", 100)));
        tenant.post("/v1/pending-entries", entry(SECOND_HOLD, DAY, dr("1100", 100), cr("2200", 100)));
        String keyId = tenant.post("/v1/api-keys", Map.of("name", "sample", "scopes", List.of("ledger:read")))
                .json().get("id").asText();
        BookingSteps bookings = new BookingSteps(tenant);
        Map<String, String> documents = new LinkedHashMap<>();
        Map<String, String> quotes = new LinkedHashMap<>();
        bookings.hold("bk-held", 1, "AGENCY");
        bookings.hold("bk-cancel", 1, "AGENCY");
        bookings.hold("bk-deposit", 1, "DEPOSIT");
        bookings.hold("bk-priced", 1, "AGENCY");
        bookings.price("bk-priced");
        // Issued by a person, not the tenant's key: the one who asks for an approval cannot give it.
        BookingSteps asker = new BookingSteps(Tenants.signedIn(tenant, Role.TICKETING_AGENT));
        for (String waiting : List.of("bk-approval", "bk-reject")) {
            bookings.hold(waiting, 2, "AGENCY");
            bookings.price(waiting);
            asker.issue(waiting, "PENDING_APPROVAL");
        }
        for (String issued : List.of("bk-issued", "bk-void", "bk-refund-quote", "bk-refund-confirm",
                "bk-refund-decline", "bk-exchange-quote", "bk-exchange-confirm", "bk-emd")) {
            documents.put(issued, bookings.issued(issued));
        }
        for (String quoted : List.of("bk-refund-confirm", "bk-refund-decline")) {
            quotes.put(quoted, tenant.post("/v1/bookings/" + quoted + "/refund-quotes",
                    Map.of("document_numbers", List.of(documents.get(quoted)))).json().at("/refund_quote/quote_id")
                    .asText());
        }
        quotes.put("bk-exchange-confirm", tenant.post("/v1/bookings/bk-exchange-confirm/exchange-quotes",
                Map.of("new_offer_id", bookings.offer())).json().get("quote_id").asText());
        for (String memo : List.of("adm-won", "adm-lost")) {
            tenant.post("/v1/bookings/bk-issued/adms", Map.of("memo_id", memo, "document_number",
                    documents.get("bk-issued"), "amount_minor", 350_000, "currency", "BDT", "decision", "DISPUTED"));
        }
        LocalDate today = LocalDate.now(TestServer.AGENCY_ZONE);
        String period = String.format("%04d-%02d-P%d", today.getYear(), today.getMonthValue(),
                today.getDayOfMonth() <= 15 ? 1 : 2);
        tenant.send("PUT", "/v1/posting-rules", Optional.of(new String(Json.write(DEFAULT_RULES),
                StandardCharsets.UTF_8)), Map.of());
        tenant.send("PUT", "/v1/recipients/" + RECIPIENT, Optional.of(new String(Json.write(RECIPIENT_BODY),
                StandardCharsets.UTF_8)), Map.of());
        for (String role : List.of(DELETABLE_ROLE, KEPT_ROLE)) {
            tenant.send("PUT", "/v1/roles/" + role, Optional.of("{\"scopes\":[\"ledger:read\"]}"), Map.of());
        }
        String email = "sample-" + UUID.randomUUID() + "@example.com";
        String userId = tenant.post("/v1/users", Map.of("email", email, "name", "Sample Viewer", "role", "viewer",
                "password", PASSWORD)).json().get("id").asText();
        return new Prepared(keyId, bookings.offer(), documents, quotes, period, deadDelivery(tenant, server),
                inbox(tenant, server), new User(userId, email), heldEntries(tenant), oidcSignIn(tenant, server, email),
                keyMadeThroughApproval(tenant));
    }

    /**
     * The code and state that finish a sign-in of the user with {@code email} at the server's identity provider; a
     * made-up pair when the server has none (the server answers that it has none).
     */
    private static Map<String, String> oidcSignIn(ApiClient tenant, TestServer server, String email) {
        if (server.oidc().isEmpty()) {
            return Map.of("code", "a-code", "state", "a-state", "binding", "a-binding");
        }
        JsonNode started = tenant.withoutKey().send("POST", "/v1/sessions/oidc/authorizations", Optional.empty(),
                Map.of()).json();
        LocalOidcProvider.Redirect redirect = server.oidc().get().authorize(started.get("authorization_url")
                .asText(), new LocalOidcProvider.Account("sample-subject", email, true));
        return Map.of("code", redirect.code(), "state", redirect.state(), "binding", started.get("binding").asText());
    }

    /** A request held for a second person, and the hash its approver sends back. */
    public record Held(String id, String payloadHash) {
    }

    /** Journal entries above this wait for a second person in a prepared tenant. */
    public static final long APPROVAL_ABOVE_MINOR = 1_000_000;

    /** Sets the policy that holds large journal entries, and has a person (the maker) post two of them. */
    private static List<Held> heldEntries(ApiClient tenant) {
        tenant.send("PUT", "/v1/approval-policy", Optional.of(new String(Json.write(approvalPolicy()),
                StandardCharsets.UTF_8)), Map.of());
        ApiClient maker = Tenants.signedIn(tenant, Role.ACCOUNTANT); // not the tenant's key: no one approves their own
        List<Held> held = new ArrayList<>();
        for (String id : List.of("held-1", "held-2")) {
            var answer = maker.post("/v1/journal-entries", entry(id, DAY,
                    dr("1100", APPROVAL_ABOVE_MINOR + 1), cr("4300", APPROVAL_ABOVE_MINOR + 1))).json();
            held.add(new Held(answer.get("id").asText(), answer.get("payload_hash").asText()));
        }
        return held;
    }

    /**
     * Has the tenant's key ask for a key that can write, which waits for a second person, and has one approve it:
     * the new key's secret waits for the tenant's key to collect it. Answers the approval's id.
     */
    private static String keyMadeThroughApproval(ApiClient tenant) {
        Map<String, Object> policy = new HashMap<>(approvalPolicy());
        policy.put("rules", List.of(((List<?>) approvalPolicy().get("rules")).getFirst(),
                Map.of("operation", "createApiKey")));
        tenant.send("PUT", "/v1/approval-policy", Optional.of(new String(Json.write(policy), StandardCharsets.UTF_8)),
                Map.of());
        JsonNode held = tenant.post("/v1/api-keys", Map.of("name", "held", "scopes", List.of("ledger:write"))).json();
        tenant.send("PUT", "/v1/approval-policy", Optional.of(new String(Json.write(approvalPolicy()),
                StandardCharsets.UTF_8)), Map.of());
        ApiResponse approved = Tenants.signedIn(tenant, Role.ACCOUNTANT).post("/v1/approvals/"
                + held.get("id").asText() + "/approve", Map.of("payload_hash", held.get("payload_hash").asText()));
        if (!approved.json().path("secret_for_maker").asBoolean()) {
            throw new IllegalStateException("the approved key's secret does not wait for its maker: " + approved);
        }
        return held.get("id").asText();
    }

    private static Map<String, Object> approvalPolicy() {
        return Map.of("rules", List.of(Map.of("operation", "postJournalEntry", "above_minor", APPROVAL_ABOVE_MINOR,
                "currency", "BDT")));
    }

    /** A user of the tenant (a viewer) who signs in with {@link #PASSWORD}. */
    public record User(String id, String email) {
    }

    /** The inbox's samples: a source to post to, one to delete, and a conversation by email. */
    public record Inbox(String source, String secret, String deletableSource, String conversation) {
    }

    private static Inbox inbox(ApiClient tenant, TestServer server) {
        String secret = "sample-secret-of-the-mail-hook";
        String source = tenant.post("/v1/inbound-sources", Map.of("channel", "EMAIL", "secret", secret)).json()
                .at("/source/id").asText();
        String deletable = tenant.post("/v1/inbound-sources", Map.of("channel", "SMS")).json().at("/source/id")
                .asText();
        Sample question = signed(source, secret, Map.of("id", "mail-1", "from", "rahim@example.com",
                "subject", "Booking bk-issued", "text", "When do I get my ticket?"));
        String conversation = tenant.unchecked().send("POST", "/v1/hooks/inbound/" + source,
                question.body().map(b -> new String(Json.write(b), StandardCharsets.UTF_8)), question.headers())
                .json().get("conversation_id").asText();
        // A text the SMS provider took, which its delivery callback reports on.
        TenantId id = TenantId.of(tenant.get("/v1/tenant").json().get("id").asText());
        MessageStore messages = server.server().backends().storage().messageStore();
        messages.transactions().inTransaction(uow -> messages.queue(uow, MessageRecord.queued(id, "sample-sms",
                "sample-event", "SMS", "+8801711000000", Instant.now())) && messages.markSent(uow, id, "sample-sms",
                "sms", SMS_PROVIDER_ID, Instant.now()));
        return new Inbox(source, secret, deletable, conversation);
    }

    /** A hook's request signed as its provider signs: the body's HMAC under the shared secret. */
    private static Sample signed(String source, String secret, Map<String, Object> body) {
        return new Sample(Map.of("source_id", source), Map.of(), Optional.of(body), Map.of(ProviderSignature.HEADER,
                ProviderSignature.sign(secret, Json.write(body))));
    }

    /**
     * A delivery that died: its endpoint took the event, then was disabled before the dispatcher (run here once,
     * since test servers run no workers) attempted it.
     */
    private static String deadDelivery(ApiClient tenant, TestServer server) {
        tenant.post("/v1/webhook-endpoints", Map.of("id", ENDPOINT, "url", "http://127.0.0.1:9/hooks"));
        tenant.post("/v1/webhook-endpoints", Map.of("id", "ep-gone", "url", "http://127.0.0.1:9/gone"));
        TenantId id = TenantId.of(tenant.get("/v1/tenant").json().get("id").asText());
        WebhookDispatcher dispatcher = server.server().messaging().dispatcher();
        dispatcher.fanOut(id, "sample-event", "booking.issued", "{\"id\":\"sample-event\"}");
        tenant.post("/v1/webhook-endpoints/ep-gone/disable", Map.of("reason", "sample"));
        while (dispatcher.dispatchDue() > 0) {
            Thread.onSpinWait(); // until the two deliveries are attempted (the enabled one to a closed port)
        }
        return WebhookDispatcher.deliveryId(id, "ep-gone", "sample-event");
    }

    /**
     * A valid request of a person's own operation for the person signed in on {@code person} (who must be new:
     * confirming a second factor sets one up first, with a code from it).
     */
    public static Sample personal(Operation operation, Prepared prepared, ApiClient person) {
        return switch (operation.operationId()) {
            case "confirmTotpSetup" -> {
                String secret = person.send("POST", "/v1/me/mfa/totp", Optional.empty(), Map.of()).json()
                        .get("secret").asText();
                yield body(Map.of("code", TotpApp.code(secret, 0)));
            }
            // The person's own session, the only one they have: ending it signs them out.
            case "endMySession" -> new Sample(Map.of("session_id", person.get("/v1/me/sessions").json()
                    .at("/items/0/id").asText()), Map.of(), Optional.empty());
            case "revokeMyToken" -> new Sample(Map.of("key_id", person.post("/v1/me/tokens", Map.of("name",
                    "sample", "scopes", List.of("ledger:read"))).json().get("id").asText()), Map.of(),
                    Optional.empty());
            default -> of(operation, prepared);
        };
    }

    public static Sample of(Operation operation, Prepared prepared) {
        String keyId = prepared.keyId();
        String fresh = "s-" + UUID.randomUUID().toString().substring(0, 8);
        return switch (operation.operationId()) {
            case "getLiveness", "getReadiness", "whoAmI", "getTenant", "getPeriods", "verifyAuditChain",
                 "listApiKeys", "getMetrics" -> none();
            case "getOpenApi" -> new Sample(Map.of(), Map.of("format", "json"), Optional.empty());
            case "createTenant" -> body(Map.of("id", fresh, "functional_currency", "BDT"));
            case "createApiKey" -> body(Map.of("name", "sample", "scopes", List.of("ledger:read")));
            case "getApiKey", "revokeApiKey", "revokeMyToken" -> new Sample(Map.of("key_id", keyId), Map.of(),
                    Optional.empty());
            case "listMySessions", "listMyTokens" -> none();
            case "endMySession" -> new Sample(Map.of("session_id", "ses_" + "0".repeat(24)), Map.of(),
                    Optional.empty());
            case "createMyToken" -> body(Map.of("name", "sample", "scopes", List.of("ledger:read")));
            case "listAccounts" -> new Sample(Map.of(), Map.of("type", "ASSET", "limit", "10"), Optional.empty());
            case "openAccount" -> body(Map.of("code", fresh, "name", "Sample", "type", "EXPENSE", "parent", "5"));
            case "getAccount", "closeAccount" -> new Sample(Map.of("code", ACCOUNT), Map.of(), Optional.empty());
            case "getBalance" -> new Sample(Map.of("code", ACCOUNT), Map.of("currency", "BDT", "as_of", DAY),
                    Optional.empty());
            case "getStatement" -> new Sample(Map.of("code", ACCOUNT),
                    Map.of("currency", "BDT", "from", DAY, "to", DAY, "limit", "10"), Optional.empty());
            case "getDailyActivity" -> new Sample(Map.of("code", ACCOUNT), Map.of("currency", "BDT", "from", DAY,
                    "to", DAY), Optional.empty());
            case "listJournalEntries" -> new Sample(Map.of(), Map.of("account", "1100", "from", DAY, "to", DAY,
                    "dimension", "AIRLINE", "dimension_value", "EK", "limit", "5"), Optional.empty());
            case "postJournalEntry" -> body(entry(fresh, DAY, dr("1100", 100), cr("4300", 100)));
            case "postJournalBatch" -> body(Map.of("all_or_nothing", true,
                    "entries", List.of(entry(fresh, DAY, dr("1100", 100), cr("4300", 100)))));
            case "getJournalEntry" -> new Sample(Map.of("entry_id", ENTRY), Map.of(), Optional.empty());
            case "reverseJournalEntry" -> new Sample(Map.of("entry_id", ENTRY), Map.of(),
                    Optional.of(Map.of("id", fresh, "effective_date", DAY)));
            case "reservePendingEntry" -> body(entry(fresh, DAY, dr("1100", 100), cr("2200", 100)));
            case "postPendingEntry" -> new Sample(Map.of("entry_id", HOLD), Map.of(),
                    Optional.of(Map.of("id", fresh, "amounts_minor", List.of(50, 50), "effective_date", DAY)));
            case "voidPendingEntry" -> new Sample(Map.of("entry_id", SECOND_HOLD), Map.of(),
                    Optional.of(Map.of("id", fresh)));
            case "getTrialBalance", "getBalanceSheet" -> new Sample(Map.of(), Map.of("as_of", DAY),
                    Optional.empty());
            case "getIncomeStatement" -> new Sample(Map.of(), Map.of("from", "2026-03-01", "to", "2026-03-31"),
                    Optional.empty());
            case "closePeriod" -> body(Map.of("through", "2025-06-30"));
            case "closeYear" -> body(Map.of("id", fresh, "year_end", "2025-12-31", "retained_earnings", "3100"));
            case "searchOffers" -> new Sample(Map.of(), Map.of("origin", "DAC", "destination", "DXB",
                    "date", LocalDate.now().plusDays(30).toString()), Optional.empty());
            case "getOffer" -> new Sample(Map.of("offer_id", prepared.offerId()), Map.of(), Optional.empty());
            case "holdBooking" -> body(Map.of("id", fresh.replace("s-", "bk-"), "offer_id", prepared.offerId(),
                    "passengers", List.of(Map.of("given_name", "AMINA", "surname", "KHAN")),
                    "terms", Map.of("currency", "BDT", "commission_percent", "7", "channel", "BSP")));
            case "getBooking", "listBookingDocuments", "reconcileBooking" -> booking("bk-issued", Optional.empty());
            case "getETicket" -> new Sample(Map.of("booking_id", "bk-issued"), Map.of("locale", "bn-BD"),
                    Optional.empty());
            case "priceBooking" -> booking("bk-held", Optional.empty());
            case "issueBooking", "previewIssue" -> booking("bk-priced", Optional.empty());
            case "approveBooking" -> booking("bk-approval", Optional.empty());
            case "rejectBooking" -> booking("bk-reject", Optional.of(Map.of("reason", "over budget")));
            case "voidBooking" -> booking("bk-void", Optional.empty());
            case "quoteRefund" -> booking("bk-refund-quote", Optional.of(Map.of("document_numbers",
                    List.of(prepared.document("bk-refund-quote")))));
            case "confirmRefund" -> quote("bk-refund-confirm", prepared, Optional.empty());
            case "declineRefund" -> quote("bk-refund-decline", prepared, Optional.empty());
            case "quoteExchange" -> booking("bk-exchange-quote", Optional.of(Map.of("new_offer_id",
                    prepared.offerId(), "document_numbers", List.of(prepared.document("bk-exchange-quote")))));
            case "confirmExchange" -> quote("bk-exchange-confirm", prepared, Optional.of(Map.of(
                    "follow_on_booking_id", fresh.replace("s-", "bk-"))));
            case "issueEmd" -> booking("bk-emd", Optional.of(Map.of("amount_minor", 600_000, "currency", "BDT",
                    "reason", "XBAG")));
            case "cancelBooking" -> booking("bk-cancel", Optional.of(Map.of("reason", "customer changed plans")));
            case "holdDeposit" -> booking("bk-deposit", Optional.of(Map.of("deposit_id", "dep-1")));
            case "recordCustomerPayment", "recordRefundPayment" -> booking("bk-issued", Optional.of(Map.of(
                    "payment_id", fresh, "amount_minor", 5_515_000, "currency", "BDT", "date", DAY)));
            case "recordAdm" -> booking("bk-issued", Optional.of(Map.of("memo_id", fresh, "document_number",
                    prepared.document("bk-issued"), "amount_minor", 350_000, "currency", "BDT",
                    "decision", "ACCEPTED")));
            case "recordAdmDisputeWon", "recordAdmDisputeLost" -> new Sample(Map.of("booking_id", "bk-issued",
                    "memo_id", operation.operationId().endsWith("Won") ? "adm-won" : "adm-lost"), Map.of(),
                    Optional.of(Map.of("document_number", prepared.document("bk-issued"), "amount_minor", 350_000,
                            "currency", "BDT")));
            case "recordAcm" -> booking("bk-issued", Optional.of(Map.of("memo_id", fresh, "document_number",
                    prepared.document("bk-issued"), "amount_minor", 40_000, "currency", "BDT")));
            case "recordRemittance" -> body(Map.of("remittance_id", fresh, "billing_period",
                    prepared.billingPeriod(), "billed_minor", 100, "paid_minor", 100, "currency", "BDT"));
            case "listBillingPeriods" -> new Sample(Map.of(), Map.of("from", DAY, "to", DAY, "currency", "BDT"),
                    Optional.empty());
            case "getBillingPeriodDue" -> new Sample(Map.of(), Map.of("billing_period", prepared.billingPeriod(),
                    "currency", "BDT"), Optional.empty());
            case "listEventTypes", "listWebhookEndpoints" -> none();
            case "getEventType" -> new Sample(Map.of("event_type", "booking.issued"), Map.of(), Optional.empty());
            case "registerWebhookEndpoint" -> body(Map.of("id", fresh, "url", "http://127.0.0.1:9/" + fresh,
                    "event_types", List.of("booking.issued", "booking.voided")));
            case "getWebhookEndpoint", "rotateWebhookSecret", "enableWebhookEndpoint" -> endpoint(Optional.empty());
            case "updateWebhookEndpoint" -> endpoint(Optional.of(Map.of("event_types", List.of("booking.held"))));
            case "disableWebhookEndpoint" -> endpoint(Optional.of(Map.of("reason", "maintenance")));
            case "listWebhookDeliveries" -> new Sample(Map.of(), Map.of("endpoint_id", "ep-gone", "status", "DEAD",
                    "limit", "10"), Optional.empty());
            case "getWebhookDelivery", "replayWebhookDelivery" -> new Sample(Map.of("delivery_id",
                    prepared.deadDelivery()), Map.of(), Optional.empty());
            case "replayWebhookDeliveries" -> body(Map.of("from", "2030-01-01T00:00:00Z", // leaves the dead one
                    "to", "2031-01-01T00:00:00Z"));
            case "listRecipients", "listUsers", "deleteCurrentSession" -> none();
            case "createUser" -> body(Map.of("email", fresh + "@example.com", "name", "Sample", "role", "viewer",
                    "password", PASSWORD));
            case "getUser", "disableUser", "enableUser", "unlinkUserOidc" -> user(prepared, Optional.empty());
            case "setUserRole" -> user(prepared, Optional.of(Map.of("role", "viewer")));
            case "createSession" -> body(Map.of("email", prepared.user().email(), "password", PASSWORD));
            case "startOidcSignIn", "listRoles" -> none();
            case "putRole" -> new Sample(Map.of("role", KEPT_ROLE), Map.of(), Optional.of(Map.of("scopes",
                    List.of("ledger:read", "bookings:read"))));
            case "deleteRole" -> new Sample(Map.of("role", DELETABLE_ROLE), Map.of(), Optional.empty());
            case "getRole" -> new Sample(Map.of("role", KEPT_ROLE), Map.of(), Optional.empty());
            case "collectApprovalSecret" -> new Sample(Map.of("approval_id", prepared.secretApproval()), Map.of(),
                    Optional.empty());
            case "createOidcSession" -> body(prepared.oidcSignIn());
            case "changeMyPassword" -> body(Map.of("current_password", PASSWORD, "new_password", PASSWORD));
            case "startTotpSetup", "getMfaPolicy", "listAuditLog", "verifyAuditLog", "getApprovalPolicy" -> none();
            case "listApprovals" -> new Sample(Map.of(), Map.of("status", "PENDING", "limit", "10"),
                    Optional.empty());
            case "getApproval" -> held(prepared.approvals().getFirst(), Optional.empty());
            case "approveApproval" -> held(prepared.approvals().getFirst(), Optional.of(Map.of("payload_hash",
                    prepared.approvals().getFirst().payloadHash())));
            case "rejectApproval" -> held(prepared.approvals().get(1), Optional.of(Map.of("reason", "too much")));
            case "setApprovalPolicy" -> body(approvalPolicy());
            case "confirmTotpSetup" -> body(Map.of("code", "123456"));
            case "removeMyTotp" -> body(Map.of("password", PASSWORD));
            case "resetUserMfa" -> user(prepared, Optional.empty());
            case "setMfaPolicy" -> body(Map.of("roles", List.of()));
            case "getPostingRules" -> none();
            case "putPostingRules" -> body(DEFAULT_RULES);
            case "getPostingRulesVersion" -> new Sample(Map.of("version", "1"), Map.of(), Optional.empty());
            case "listBookings" -> new Sample(Map.of(), Map.of("status", "ISSUED", "passenger", "UDDINA/RAH",
                    "from", LocalDate.now(TestServer.AGENCY_ZONE).toString(), "limit", "5"), Optional.empty());
            case "getRecipient" -> new Sample(Map.of("recipient_id", RECIPIENT), Map.of(), Optional.empty());
            case "putRecipient" -> new Sample(Map.of("recipient_id", RECIPIENT), Map.of(), Optional.of(RECIPIENT_BODY));
            case "getBookingRecipients" -> booking("bk-issued", Optional.empty());
            case "setBookingRecipients" -> booking("bk-issued", Optional.of(Map.of("recipient_ids",
                    List.of(RECIPIENT))));
            case "previewTemplate" -> body(Map.of("event_type", "booking.issued", "channel", "SMS",
                    "locale", "bn-BD", "booking_id", "bk-issued"));
            case "listInboundSources" -> none();
            case "createInboundSource" -> body(Map.of("channel", "WHATSAPP"));
            case "deleteInboundSource" -> new Sample(Map.of("source_id", prepared.inbox().deletableSource()),
                    Map.of(), Optional.empty());
            case "listConversations" -> new Sample(Map.of(), Map.of("status", "OPEN", "booking", "BK-1", "limit", "10"),
                    Optional.empty());
            case "getConversation", "listConversationMessages" -> conversation(prepared, Optional.empty());
            case "assignConversation" -> conversation(prepared, Optional.of(Map.of("assignee", "agent-7")));
            case "setConversationStatus" -> conversation(prepared, Optional.of(Map.of("status", "PENDING")));
            case "linkConversationBooking" -> conversation(prepared, Optional.of(Map.of("booking_id", "bk-issued")));
            case "replyToConversation" -> conversation(prepared, Optional.of(Map.of("text",
                    "Your ticket is on its way.")));
            case "receiveInboundMessage" -> signed(prepared.inbox().source(), prepared.inbox().secret(),
                    Map.of("id", fresh, "from", "rahim@example.com", "text", "Thank you!"));
            case "receiveDeliveryCallback" -> {
                Map<String, Object> report = Map.of("id", SMS_PROVIDER_ID, "status", "delivered");
                yield new Sample(Map.of("provider", "sms"), Map.of(), Optional.of(report),
                        Map.of(ProviderSignature.HEADER, ProviderSignature.sign(TestServer.SMS_CALLBACK_SECRET,
                                Json.write(report))));
            }
            default -> throw new IllegalStateException("no sample for " + operation.describe()
                    + ": add one, so that the generated tests cover it");
        };
    }

    private static Sample booking(String id, Optional<Object> body) {
        return new Sample(Map.of("booking_id", id), Map.of(), body);
    }

    private static Sample quote(String id, Prepared prepared, Optional<Object> body) {
        return new Sample(Map.of("booking_id", id, "quote_id", prepared.quotes().get(id)), Map.of(), body);
    }

    private static Sample conversation(Prepared prepared, Optional<Object> body) {
        return new Sample(Map.of("conversation_id", prepared.inbox().conversation()), Map.of(), body);
    }

    private static Sample held(Held approval, Optional<Object> body) {
        return new Sample(Map.of("approval_id", approval.id()), Map.of(), body);
    }

    private static Sample user(Prepared prepared, Optional<Object> body) {
        return new Sample(Map.of("user_id", prepared.user().id()), Map.of(), body);
    }

    private static Sample endpoint(Optional<Object> body) {
        return new Sample(Map.of("endpoint_id", ENDPOINT), Map.of(), body);
    }

    private static Sample none() {
        return new Sample(Map.of(), Map.of(), Optional.empty());
    }

    private static Sample body(Object body) {
        return new Sample(Map.of(), Map.of(), Optional.of(body));
    }
}
