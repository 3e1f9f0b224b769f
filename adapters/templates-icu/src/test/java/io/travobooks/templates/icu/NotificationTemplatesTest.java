package io.travobooks.templates.icu;

import com.ibm.icu.util.Currency;
import com.ibm.icu.util.CurrencyAmount;
import com.ibm.icu.util.ULocale;
import io.travobooks.messaging.EventCatalog;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTest {
    /** Every booking event of the catalog: the customer hears of each by email. */
    private static final List<String> EVENTS = EventCatalog.standard().types().stream()
            .map(EventCatalog.EventType::name).filter(name -> name.startsWith("booking.")).toList();
    /** The critical ones, which also go by SMS. */
    private static final List<String> SMS_EVENTS = List.of("booking.issued", "booking.refunded");
    private static final List<String> LOCALES = List.of("en", "bn", "hi", "ar");

    private final NotificationTemplates templates = new NotificationTemplates();

    private static Map<String, Object> arguments(int tickets) {
        Date when = Date.from(Instant.parse("2026-04-02T04:15:00Z"));
        return Map.of("passenger", "RAHIM UDDIN", "pnr", "QWERTY", "tickets", tickets,
                "total", new CurrencyAmount(55150, Currency.getInstance("BDT")),
                "refund", new CurrencyAmount(48425, Currency.getInstance("BDT")), "departure", when,
                "deadline", when);
    }

    private NotificationTemplates.Rendered render(String event, String locale, int tickets) {
        return templates.render(event, "email", ULocale.forLanguageTag(locale), arguments(tickets)).orElseThrow();
    }

    @Test
    void everyBookingEventRendersInAllFourLocalesWithItsArguments() {
        assertThat(EVENTS).hasSize(12);
        for (String event : EVENTS) {
            for (String locale : LOCALES) {
                NotificationTemplates.Rendered rendered = render(event, locale, 2);
                assertThat(rendered.locale()).as(event + " " + locale).isEqualTo(ULocale.forLanguageTag(locale));
                assertThat(rendered.subject()).as(event + " " + locale).contains("QWERTY").doesNotContain("{");
                assertThat(rendered.body()).as(event + " " + locale).contains("RAHIM UDDIN").doesNotContain("{");
                assertThat(rendered.rightToLeft()).as(event + " " + locale).isEqualTo(locale.equals("ar"));
            }
        }
    }

    @Test
    void theCriticalEventsHaveShortSmsTextsInAllFourLocales() {
        for (String event : SMS_EVENTS) {
            for (String locale : LOCALES) {
                NotificationTemplates.Rendered rendered = templates.render(event, "sms",
                        ULocale.forLanguageTag(locale), arguments(2)).orElseThrow();
                assertThat(rendered.locale()).as(event + " " + locale).isEqualTo(ULocale.forLanguageTag(locale));
                assertThat(rendered.body()).as(event + " " + locale).contains("QWERTY").doesNotContain("{")
                        .hasSizeLessThan(160);
            }
        }
        assertThat(templates.render("booking.held", "sms", ULocale.ENGLISH, arguments(1))).as("not shipped")
                .isEmpty();
    }

    @Test
    void banglaUsesBengaliDigitsAndEnglishPluralises() {
        String bangla = render("booking.issued", "bn", 2).body();
        assertThat(bangla).contains("২ টি টিকিট").contains("৫৫,১৫০");
        assertThat(bangla.chars().noneMatch(c -> c >= '0' && c <= '9')).as("no Latin digits").isTrue();

        assertThat(render("booking.issued", "en", 1).body()).contains("your ticket is issued");
        assertThat(render("booking.issued", "en", 3).body()).contains("your 3 tickets are issued")
                .contains("55,150.00");
    }

    @Test
    void arabicSelectsItsDualAndRunsRightToLeft() {
        NotificationTemplates.Rendered two = render("booking.issued", "ar", 2);
        assertThat(two.body()).contains("تذكرتان");
        assertThat(two.rightToLeft()).isTrue();
        assertThat(render("booking.issued", "ar", 5).body()).contains("تذاكر");
    }

    @Test
    void aMissingTranslationFallsBackAlongTheChain() {
        NotificationTemplates.Rendered bangladesh = render("booking.issued", "bn-BD", 2);
        assertThat(bangladesh.locale()).isEqualTo(ULocale.forLanguageTag("bn"));
        assertThat(bangladesh.body()).contains("টিকিট");

        NotificationTemplates.Rendered french = render("booking.issued", "fr-FR", 2);
        assertThat(french.locale()).isEqualTo(ULocale.ENGLISH);
        assertThat(french.body()).contains("your 2 tickets are issued").contains("55,150.00");

        assertThat(NotificationTemplates.chain(ULocale.forLanguageTag("bn-BD")))
                .containsExactly(ULocale.forLanguageTag("bn-BD"), ULocale.forLanguageTag("bn"), ULocale.ENGLISH);
        assertThat(templates.render("booking.teleported", "email", ULocale.ENGLISH, arguments(1))).isEmpty();
    }
    @Test
    void datesAreWrittenAsTheyAreInTheZoneAsked() {
        // 20:30 UTC on 10 March is already 11 March, 02:30, in Dhaka (UTC+6).
        Map<String, Object> late = new HashMap<>(arguments(1));
        late.put("deadline", Date.from(Instant.parse("2026-03-10T20:30:00Z")));
        String dhaka = templates.render("booking.held", "email", ULocale.ENGLISH, late,
                ZoneId.of("Asia/Dhaka")).orElseThrow().body();
        String utc = templates.render("booking.held", "email", ULocale.ENGLISH, late,
                ZoneOffset.UTC).orElseThrow().body();
        assertThat(dhaka).contains("March 11, 2026").contains("2:30");
        assertThat(utc).contains("March 10, 2026").contains("8:30");
    }
}
