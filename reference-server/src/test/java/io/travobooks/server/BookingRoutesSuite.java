package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.travobooks.server.http.Json;
import io.travobooks.server.auth.Role;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.RoutesSuite;
import io.travobooks.server.support.BookingSteps;
import io.travobooks.server.support.Tenants;
import io.travobooks.server.support.TestServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bookings over HTTP against the simulated airline, on H2 and on MariaDB + Redis by the subclasses. The amounts
 * checked are the accounting guide's worked example's (Emirates Dhaka-Dubai, fare 54,000 BDT: base 40,000, YQ
 * 8,000, taxes 6,000; 2,800 commission, 1,000 fee, 150 VAT), read back from the ledger over HTTP.
 */
public abstract class BookingRoutesSuite extends RoutesSuite {
    private static long posted(ApiClient agency, String account) {
        return agency.get("/v1/accounts/" + account + "/balance?currency=BDT").json().get("posted_minor").asLong();
    }

    @Test
    void anOfferIsFoundUntilItIsGone() {
        ApiClient agency = Tenants.open(operator);
        JsonNode found = agency.get("/v1/offers?origin=DAC&destination=DXB&date=" + LocalDate.now().plusDays(30))
                .json().at("/items/0");
        ApiResponse offer = agency.get("/v1/offers/" + found.get("offer_id").asText());
        assertThat(offer.status()).isEqualTo(200);
        assertThat(offer.json()).isEqualTo(found);
        ApiResponse gone = agency.get("/v1/offers/OF-NONE");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.code()).isEqualTo("OFFER_NOT_FOUND");
    }

    @Test
    void anIssueGoesAheadOnlyAsPreviewed() {
        ApiClient agency = Tenants.open(operator);
        BookingSteps steps = new BookingSteps(agency);
        steps.hold("BK-P", 1, "AGENCY");
        steps.price("BK-P");

        JsonNode preview = agency.get("/v1/bookings/BK-P/issue-preview").json();
        // The worked example: the customer owes 55,150, BSP 51,200; the airline is paid the 54,000 fare.
        assertThat(preview.at("/fare_total/amount_minor").asLong()).isEqualTo(5_400_000);
        assertThat(preview.at("/customer_total/amount_minor").asLong()).isEqualTo(5_515_000);
        long debits = 0;
        for (JsonNode line : preview.at("/entries/0/lines")) {
            debits += line.get("side").asText().equals("DEBIT") ? line.get("amount_minor").asLong() : 0;
        }
        assertThat(debits).isEqualTo(5_515_000);
        assertThat(posted(agency, "1100")).as("a preview posts nothing").isZero();
        assertThat(agency.get("/v1/bookings/BK-P/issue-preview").json().get("preview_hash"))
                .as("the same state, the same hash").isEqualTo(preview.get("preview_hash"));

        String stale = "0".repeat(64);
        ApiResponse refused = agency.post("/v1/bookings/BK-P/issue", Map.of("preview_hash", stale));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("ISSUE_PREVIEW_CHANGED");
        assertThat(agency.get("/v1/bookings/BK-P").json().get("status").asText()).isEqualTo("PRICED");

        ApiResponse issued = agency.post("/v1/bookings/BK-P/issue", Map.of("preview_hash",
                preview.get("preview_hash").asText()));
        assertThat(issued.json().get("status").asText()).as(issued.body()).isEqualTo("ISSUED");
        assertThat(posted(agency, "1100")).isEqualTo(5_515_000);
        assertThat(agency.get("/v1/bookings/BK-P/issue-preview").code()).as("an issued booking has no preview")
                .isEqualTo("BOOKING_ILLEGAL_TRANSITION");
    }

    @Test
    void aTicketIsHeldPricedIssuedAndVoidedAndTheBooksFollow() {
        ApiClient agency = Tenants.open(operator);
        BookingSteps steps = new BookingSteps(agency);
        String offer = steps.offer();
        ApiResponse held = agency.post("/v1/bookings", Map.of("id", "BK-1", "offer_id", offer,
                "passengers", List.of(Map.of("given_name", "RAHIM", "surname", "UDDIN")), "terms", BookingSteps.TERMS));
        assertThat(held.status()).as(held.body()).isEqualTo(201);
        JsonNode booking = held.json();
        assertThat(booking.get("status").asText()).isEqualTo("HELD");
        assertThat(booking.get("pnr").asText()).isNotBlank();
        assertThat(booking.at("/fare_per_passenger/base/amount_minor").asLong()).isEqualTo(4_000_000);
        assertThat(booking.has("ticketing_time_limit")).isTrue();

        steps.price("BK-1");
        ApiResponse issued = agency.post("/v1/bookings/BK-1/issue", Map.of(), "issue-BK-1");
        assertThat(issued.json().get("status").asText()).isEqualTo("ISSUED");
        assertThat(issued.json().get("documents")).hasSize(1);
        // The issue's entry: customer owes 55,150; BSP 51,200; commission 2,800; fee 1,000; VAT 150.
        assertThat(posted(agency, "1100")).isEqualTo(5_515_000);
        assertThat(posted(agency, "2100")).isEqualTo(5_120_000);
        assertThat(posted(agency, "4100")).isEqualTo(280_000);
        assertThat(posted(agency, "4300")).isEqualTo(100_000);
        assertThat(posted(agency, "2300")).isEqualTo(15_000);

        ApiResponse again = agency.post("/v1/bookings/BK-1/issue", Map.of(), "issue-BK-1");
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        ApiResponse otherKey = agency.post("/v1/bookings/BK-1/issue", Map.of(), "issue-BK-1-again");
        assertThat(otherKey.status()).as("an issued booking is not issued twice").isEqualTo(422);
        assertThat(agency.get("/v1/bookings/BK-1/documents").json().get("items")).hasSize(1);
        assertThat(posted(agency, "2100")).isEqualTo(5_120_000);

        ApiResponse eticket = agency.get("/v1/bookings/BK-1/e-ticket?locale=en");
        assertThat(eticket.status()).isEqualTo(200);
        assertThat(eticket.header("Content-Type")).contains("application/pdf");
        assertThat(eticket.body()).startsWith("%PDF-");

        ApiResponse voided = agency.post("/v1/bookings/BK-1/void", Map.of());
        assertThat(voided.status()).as(voided.body()).isEqualTo(200);
        assertThat(voided.json().get("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.json().at("/documents/0/coupons/0").asText()).isEqualTo("VOID");
        assertThat(posted(agency, "1100")).isZero();
        assertThat(posted(agency, "2100")).isZero();
        assertThat(agency.get("/v1/bookings/BK-1/e-ticket").code()).as("a voided ticket has no e-ticket")
                .isEqualTo("BOOKING_NOT_ISSUED");
    }

    @Test
    void bookingsAreListedNewestFirstAndFoundByStatusPnrTicketPassengerAndDay() {
        ApiClient agency = Tenants.open(operator);
        BookingSteps steps = new BookingSteps(agency);
        String ticket = steps.issued("LST-1");
        steps.hold("LST-2", 2, "AGENCY"); // passengers UDDINA and UDDINB
        String pnr = agency.get("/v1/bookings/LST-2").json().get("pnr").asText();

        assertThat(ids(agency, "")).containsExactly("LST-2", "LST-1");
        assertThat(ids(agency, "?status=ISSUED")).containsExactly("LST-1");
        assertThat(ids(agency, "?ticket_number=" + ticket)).containsExactly("LST-1");
        assertThat(ids(agency, "?pnr=" + pnr)).containsExactly("LST-2");
        assertThat(ids(agency, "?passenger=uddinb")).containsExactly("LST-2");
        assertThat(ids(agency, "?passenger=UDDINA/RA")).containsExactly("LST-2", "LST-1");
        assertThat(ids(agency, "?passenger=UDDINA/KA")).isEmpty();
        String today = LocalDate.now(TestServer.AGENCY_ZONE).toString();
        assertThat(ids(agency, "?from=" + today + "&to=" + today)).containsExactly("LST-2", "LST-1");
        assertThat(ids(agency, "?to=" + LocalDate.now(TestServer.AGENCY_ZONE).minusDays(1))).isEmpty();

        JsonNode first = agency.get("/v1/bookings?limit=1").json();
        assertThat(first.at("/items/0/booking/id").asText()).isEqualTo("LST-2");
        assertThat(first.at("/items/0/created_at").isTextual()).isTrue();
        assertThat(agency.get("/v1/bookings?limit=1&cursor=" + first.get("next_cursor").asText()).json()
                .at("/items/0/booking/id").asText()).isEqualTo("LST-1");
        assertThat(ids(Tenants.open(operator), "")).as("another tenant's bookings").isEmpty();
    }

    private static List<String> ids(ApiClient agency, String query) {
        return agency.get("/v1/bookings" + query).json().get("items").findValuesAsText("id").stream()
                .filter(id -> id.startsWith("LST-")).toList();
    }

    @Test
    void storedPostingRulesAreCheckedByTheWorkedExamplesAndThenPostTheTenantsBookings() {
        ApiClient agency = Tenants.open(operator);
        ApiResponse defaults = agency.get("/v1/posting-rules");
        assertThat(defaults.json().get("version").asLong()).isZero();
        String etag = defaults.header("ETag").orElseThrow();
        ObjectNode rules = (ObjectNode) defaults.json().get("rules").deepCopy();

        ArrayNode withoutEmd = rules.deepCopy().withArray("rules");
        for (int i = withoutEmd.size() - 1; i >= 0; i--) {
            if (withoutEmd.get(i).get("event").asText().equals("EMD")) {
                withoutEmd.remove(i);
            }
        }
        ApiResponse refused = put(agency, Map.of("rules", withoutEmd), etag);
        assertThat(refused.code()).isEqualTo("POSTING_RULES_REFUSED");
        assertThat(refused.json().get("errors").findValuesAsText("message")).anyMatch(m -> m.startsWith("EMD:"));

        // The agent-model issue paid to the agency: its service fee to refund fees (4310) instead of 4300.
        ObjectNode changed = rules.deepCopy();
        for (JsonNode rule : changed.withArray("rules")) {
            if (rule.get("event").asText().equals("ISSUE") && rule.get("payments").isEmpty()) {
                for (JsonNode line : rule.at("/entries/0")) {
                    if (line.get("account").asText().equals("4300")) {
                        ((ObjectNode) line).put("account", "4310");
                    }
                }
            }
        }
        ObjectNode unknown = changed.deepCopy();
        ((ObjectNode) unknown.withArray("rules").get(0).at("/entries/0/0")).put("account", "9999");
        assertThat(put(agency, unknown, etag).code()).isEqualTo("POSTING_RULES_UNKNOWN_ACCOUNT");
        assertThat(agency.get("/v1/posting-rules").json().get("version").asLong()).as("nothing stored").isZero();

        ApiResponse stored = put(agency, changed, etag);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("version").asLong()).isEqualTo(1);
        assertThat(put(agency, changed, etag).code()).as("the rules changed since").isEqualTo("PRECONDITION_FAILED");
        assertThat(agency.get("/v1/posting-rules/versions/1").json().get("rules")).isEqualTo(changed);

        new BookingSteps(agency).issued("RULES-1");
        assertThat(posted(agency, "4310")).as("the fee, by the tenant's rules").isEqualTo(100_000);
        assertThat(posted(agency, "4300")).isZero();
    }

    @Test
    void billingPeriodsSayWhatIsOwedToBspAndWhenTheCalendarWantsItPaid() {
        ApiClient agency = Tenants.open(operator);
        ApiResponse defaults = agency.get("/v1/posting-rules");
        ObjectNode rules = (ObjectNode) defaults.json().get("rules").deepCopy();
        // A remittance_days out of bounds is among the invalid variants every operation is sent.
        rules.putObject("billing_calendar").put("remittance_days", 10).putArray("first_days").add(1).add(16);
        assertThat(put(agency, rules, defaults.header("ETag").orElseThrow()).status()).isEqualTo(200);
        assertThat(agency.get("/v1/posting-rules").json().at("/rules/billing_calendar/remittance_days").asInt())
                .isEqualTo(10);
        new BookingSteps(agency).issued("BSP-1");

        String today = LocalDate.now(TestServer.AGENCY_ZONE).toString();
        JsonNode periods = agency.get("/v1/bsp-remittances/periods?currency=BDT&from=" + today + "&to=" + today)
                .json().get("items");
        assertThat(periods).hasSize(1);
        JsonNode period = periods.get(0);
        String name = period.get("billing_period").asText();
        assertThat(LocalDate.parse(period.get("remittance_due").asText()))
                .isEqualTo(LocalDate.parse(period.get("last_day").asText()).plusDays(10));
        assertThat(LocalDate.parse(today)).isBetween(LocalDate.parse(period.get("first_day").asText()),
                LocalDate.parse(period.get("last_day").asText()));
        JsonNode due = agency.get("/v1/bsp-remittances/due?currency=BDT&billing_period=" + name).json();
        assertThat(period.get("due")).as("the same as the period's own due").isEqualTo(due.get("due"));
        assertThat(period.at("/due/amount_minor").asLong()).as("the ticket owes BSP").isPositive();
        assertThat(agency.get("/v1/bsp-remittances/periods?currency=BDT&from=2026-01-01&to=2026-12-31").code())
                .isEqualTo("BOOKING_INVALID_COMMAND");
    }

    private static ApiResponse put(ApiClient agency, Object rules, String ifMatch) {
        return agency.send("PUT", "/v1/posting-rules", Optional.of(new String(Json.write(rules),
                StandardCharsets.UTF_8)), Map.of("If-Match", ifMatch));
    }

    @Test
    void aRefundIsQuotedThenConfirmedWithTheFeesTheTermsSet() {
        ApiClient agency = Tenants.open(operator);
        String ticket = new BookingSteps(agency).issued("BK-2");
        JsonNode quoted = agency.post("/v1/bookings/BK-2/refund-quotes", Map.of("document_numbers", List.of(ticket)))
                .json();
        assertThat(quoted.get("status").asText()).isEqualTo("REFUND_QUOTED");
        // The airline refunds 49,000 (54,000 less a 5,000 penalty); the customer gets it less the 500 fee and 75 VAT.
        assertThat(quoted.at("/refund_quote/refundable/amount_minor").asLong()).isEqualTo(4_900_000);
        assertThat(quoted.at("/refund_to_customer/amount_minor").asLong()).isEqualTo(4_842_500);

        String quote = quoted.at("/refund_quote/quote_id").asText();
        ApiResponse refunded = agency.post("/v1/bookings/BK-2/refund-quotes/" + quote + "/confirm", Map.of());
        assertThat(refunded.json().get("status").asText()).isEqualTo("REFUNDED");
        assertThat(posted(agency, "2250")).isEqualTo(4_842_500);
        assertThat(posted(agency, "4310")).isEqualTo(50_000);
    }

    @Test
    void anIssueAboveTheApprovalLimitWaitsForAPerson() {
        ApiClient agency = Tenants.open(operator);
        BookingSteps steps = new BookingSteps(agency);
        steps.hold("BK-3", 2, "AGENCY");
        steps.price("BK-3");
        steps.issue("BK-3", "PENDING_APPROVAL");
        assertThat(posted(agency, "2100")).as("nothing posted while it waits").isZero();
        ApiResponse own = agency.post("/v1/bookings/BK-3/approve", Map.of());
        assertThat(own.status()).isEqualTo(422);
        assertThat(own.code()).as("the one who issued cannot approve").isEqualTo("APPROVAL_SELF");
        assertThat(posted(agency, "2100")).isZero();
        ApiClient approver = Tenants.signedIn(agency, Role.OWNER);
        JsonNode approved = approver.post("/v1/bookings/BK-3/approve", Map.of()).json();
        assertThat(approved.get("status").asText()).isEqualTo("ISSUED");
        assertThat(approved.get("documents")).hasSize(2);
        assertThat(posted(agency, "2100")).isEqualTo(2 * 5_120_000);
    }

    @Test
    void aRejectedIssueAskedForAgainWaitsForSomeoneElseThanItsNewAsker() {
        ApiClient agency = Tenants.open(operator);
        ApiClient person = Tenants.signedIn(agency, Role.OWNER);
        BookingSteps steps = new BookingSteps(agency);
        steps.hold("BK-6", 2, "AGENCY");
        steps.price("BK-6");
        steps.issue("BK-6", "PENDING_APPROVAL");
        JsonNode rejected = person.post("/v1/bookings/BK-6/reject", Map.of("reason", "check the fare")).json();
        assertThat(rejected.get("status").asText()).isEqualTo("PRICED");
        new BookingSteps(person).issue("BK-6", "PENDING_APPROVAL");
        assertThat(person.post("/v1/bookings/BK-6/approve", Map.of()).code()).as("now the person asked")
                .isEqualTo("APPROVAL_SELF");
        assertThat(agency.post("/v1/bookings/BK-6/approve", Map.of()).json().get("status").asText())
                .isEqualTo("ISSUED");
    }

    @Test
    void anExchangeIssuesTheNewTicketOnAFollowOnBooking() {
        ApiClient agency = Tenants.open(operator);
        BookingSteps steps = new BookingSteps(agency);
        steps.issued("BK-4");
        JsonNode quote = agency.post("/v1/bookings/BK-4/exchange-quotes", Map.of("new_offer_id", steps.offer()))
                .json();
        assertThat(quote.at("/change_penalty/amount_minor").asLong()).isEqualTo(300_000);
        ApiResponse confirmed = agency.post("/v1/bookings/BK-4/exchange-quotes/" + quote.get("quote_id").asText()
                + "/confirm", Map.of("follow_on_booking_id", "BK-4X"));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("id").asText()).isEqualTo("BK-4X");
        assertThat(confirmed.json().get("status").asText()).isEqualTo("ISSUED");
        assertThat(agency.get("/v1/bookings/BK-4").json().get("status").asText()).isEqualTo("EXCHANGED");
    }

    @Test
    void moneyEventsPostOnceAndADisputedAdmIsResolved() {
        ApiClient agency = Tenants.open(operator);
        String ticket = new BookingSteps(agency).issued("BK-5");
        Map<String, Object> payment = Map.of("payment_id", "pay-1", "amount_minor", 5_515_000, "currency", "BDT");
        assertThat(agency.post("/v1/bookings/BK-5/payments", payment).status()).isEqualTo(201);
        ApiResponse repeated = agency.post("/v1/bookings/BK-5/payments", payment);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("status").asText()).isEqualTo("ALREADY_POSTED");
        assertThat(posted(agency, "1100")).as("the customer paid what was owed").isZero();

        agency.post("/v1/bookings/BK-5/adms", Map.of("memo_id", "adm-1", "document_number", ticket,
                "amount_minor", 350_000, "currency", "BDT", "decision", "DISPUTED"));
        assertThat(posted(agency, "2150")).isEqualTo(350_000);
        assertThat(agency.post("/v1/bookings/BK-5/adms/adm-1/dispute-won", Map.of("document_number", ticket,
                "amount_minor", 350_000, "currency", "BDT")).status()).isEqualTo(201);
        assertThat(posted(agency, "2150")).isZero();
    }

    /** Reads come through a cache: each change must show in the very next read. */
    @Test
    void everyChangeShowsInTheNextRead() {
        ApiClient agency = Tenants.open(operator);
        BookingSteps steps = new BookingSteps(agency);
        assertThat(agency.get("/v1/bookings/BK-7").status()).as("not yet").isEqualTo(404);
        steps.hold("BK-7", 1, "AGENCY");
        assertThat(status(agency, "BK-7")).isEqualTo("HELD");
        assertThat(status(agency, "BK-7")).as("read twice, from the cache").isEqualTo("HELD");
        steps.price("BK-7");
        assertThat(status(agency, "BK-7")).isEqualTo("PRICED");
        steps.issue("BK-7", "ISSUED");
        JsonNode issued = agency.get("/v1/bookings/BK-7").json();
        assertThat(issued.get("status").asText()).isEqualTo("ISSUED");
        assertThat(issued.get("documents")).hasSize(1);
        agency.post("/v1/bookings/BK-7/void", Map.of());
        JsonNode voided = agency.get("/v1/bookings/BK-7").json();
        assertThat(voided.get("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.at("/documents/0/coupons/0").asText()).isEqualTo("VOID");
    }

    private static String status(ApiClient agency, String bookingId) {
        return agency.get("/v1/bookings/" + bookingId).json().get("status").asText();
    }

    @Test
    void aMissingBookingIsNotFoundAndAnotherTenantsToo() {
        ApiClient agency = Tenants.open(operator);
        new BookingSteps(agency).issued("BK-6");
        ApiResponse missing = agency.get("/v1/bookings/NOPE");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.code()).isEqualTo("BOOKING_NOT_FOUND");
        assertThat(agency.post("/v1/bookings/NOPE/void", Map.of()).code()).isEqualTo("BOOKING_NOT_FOUND");
        ApiClient stranger = Tenants.open(operator);
        assertThat(stranger.get("/v1/bookings/BK-6").status()).isEqualTo(404);
        assertThat(stranger.post("/v1/bookings/BK-6/void", Map.of()).status()).isEqualTo(404);
        assertThat(agency.get("/v1/bookings/BK-6").json().get("status").asText()).isEqualTo("ISSUED");
    }
}
