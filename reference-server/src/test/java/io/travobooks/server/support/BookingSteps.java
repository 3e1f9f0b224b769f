package io.travobooks.server.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Booking steps over HTTP, each checked to have done what it says. The terms are the accounting guide's worked
 * example's: 2,800 commission, a 1,000 service fee with 150 VAT, a 500 refund fee with 75 VAT (BDT).
 */
public record BookingSteps(ApiClient tenant) {
    public static final Map<String, Object> TERMS = Map.of("currency", "BDT", "commission_minor", 280_000,
            "service_fee_minor", 100_000, "service_fee_tax_minor", 15_000, "refund_fee_minor", 50_000,
            "refund_fee_tax_minor", 7_500);

    /** A fresh offer from Dhaka to Dubai, thirty days out. */
    public String offer() {
        ApiResponse offers = tenant.get("/v1/offers?origin=DAC&destination=DXB&date=" + LocalDate.now().plusDays(30));
        assertThat(offers.status()).as(offers.body()).isEqualTo(200);
        return offers.json().at("/items/0/offer_id").asText();
    }

    public void hold(String id, int passengers, String payment) {
        List<Map<String, String>> people = new ArrayList<>();
        for (int i = 0; i < passengers; i++) {
            people.add(Map.of("given_name", "RAHIM", "surname", "UDDIN" + "ABCDEFGHI".charAt(i)));
        }
        Map<String, Object> terms = new HashMap<>(TERMS);
        terms.put("payment", payment);
        ApiResponse held = tenant.post("/v1/bookings", Map.of("id", id, "offer_id", offer(), "passengers", people,
                "terms", terms));
        assertThat(held.status()).as(held.body()).isEqualTo(201);
    }

    public void price(String id) {
        ApiResponse priced = tenant.post("/v1/bookings/" + id + "/price", Map.of());
        assertThat(priced.status()).as(priced.body()).isEqualTo(200);
    }

    /** Issues and answers the first document's number (none while it waits for approval). */
    public String issue(String id, String expectedStatus) {
        ApiResponse issued = tenant.post("/v1/bookings/" + id + "/issue", Map.of());
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        assertThat(issued.json().get("status").asText()).isEqualTo(expectedStatus);
        return issued.json().at("/documents/0/number").asText();
    }

    /** Holds, prices and issues a one-passenger booking paid by the agency; answers its ticket number. */
    public String issued(String id) {
        hold(id, 1, "AGENCY");
        price(id);
        return issue(id, "ISSUED");
    }
}
