package io.travobooks.booking.posting;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingCalendarTest {
    @Test
    void halvesAndQuartersOfAMonth() {
        assertThat(BillingCalendar.semiMonthly().periodOf(LocalDate.of(2026, 3, 15))).isEqualTo("2026-03-P1");
        assertThat(BillingCalendar.semiMonthly().periodOf(LocalDate.of(2026, 3, 16))).isEqualTo("2026-03-P2");
        assertThat(BillingCalendar.weekly().periodOf(LocalDate.of(2026, 2, 28))).isEqualTo("2026-02-P4");
        assertThat(BillingCalendar.weekly().periodOf(LocalDate.of(2026, 2, 8))).isEqualTo("2026-02-P2");
        assertThat(BillingCalendar.weekly().lastDay("2026-02-P4")).contains(LocalDate.of(2026, 2, 28));
        assertThat(BillingCalendar.weekly().lastDay("2026-02-P2")).contains(LocalDate.of(2026, 2, 15));
        assertThat(BillingCalendar.semiMonthly().firstDay("2026-03-P3")).as("no third half").isEmpty();
        assertThat(BillingCalendar.semiMonthly().firstDay("March P1")).isEmpty();
        assertThat(BillingCalendar.semiMonthly().firstDay("2026-13-P1")).isEmpty();
    }

    @Test
    void aPlanStartsOnTheFirstAndMovesForward() {
        assertThatThrownBy(() -> new BillingCalendar(List.of(2, 16))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BillingCalendar(List.of(1, 16, 8))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BillingCalendar(List.of(1, 30))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePeriodsOfARangeAndWhenEachMustBePaid() {
        BillingCalendar calendar = BillingCalendar.semiMonthly();
        assertThat(calendar.periodsBetween(LocalDate.of(2026, 2, 20), LocalDate.of(2026, 3, 16)))
                .containsExactly("2026-02-P2", "2026-03-P1", "2026-03-P2");
        assertThat(calendar.periodsBetween(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 3)))
                .containsExactly("2026-03-P1");
        assertThat(calendar.periodsBetween(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 2))).isEmpty();
        assertThat(calendar.remittanceDue("2026-02-P2")).as("not said").isEmpty();
        assertThat(calendar.withRemittanceDays(10).remittanceDue("2026-02-P2")).contains(LocalDate.of(2026, 3, 10));
        assertThat(calendar.withRemittanceDays(0).remittanceDue("2026-03-P1")).contains(LocalDate.of(2026, 3, 15));
        assertThat(calendar.withRemittanceDays(10).remittanceDue("2026-03-P9")).isEmpty();
        assertThatThrownBy(() -> calendar.withRemittanceDays(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> calendar.withRemittanceDays(BillingCalendar.MAX_REMITTANCE_DAYS + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void aRangeIsCoveredByItsPeriodsOnceEach(@ForAll @IntRange(min = 0, max = 3650) int offset,
                                              @ForAll @IntRange(min = 0, max = 120) int length,
                                              @ForAll boolean weekly) {
        BillingCalendar calendar = weekly ? BillingCalendar.weekly() : BillingCalendar.semiMonthly();
        LocalDate from = LocalDate.of(2024, 1, 1).plusDays(offset);
        LocalDate to = from.plusDays(length);
        List<String> periods = calendar.periodsBetween(from, to);
        assertThat(periods).doesNotHaveDuplicates();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            assertThat(periods).contains(calendar.periodOf(day));
        }
        assertThat(periods).allSatisfy(period -> assertThat(calendar.firstDay(period).orElseThrow())
                .isBeforeOrEqualTo(to));
    }

    @Property
    void everyDayFallsInsideThePeriodNamedForIt(@ForAll @IntRange(min = 0, max = 3650) int offset,
                                                @ForAll boolean weekly) {
        BillingCalendar calendar = weekly ? BillingCalendar.weekly() : BillingCalendar.semiMonthly();
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(offset);
        String period = calendar.periodOf(day);

        assertThat(calendar.firstDay(period)).hasValueSatisfying(first -> assertThat(first).isBeforeOrEqualTo(day));
        assertThat(calendar.lastDay(period)).hasValueSatisfying(last -> {
            assertThat(last).isAfterOrEqualTo(day);
            assertThat(calendar.periodOf(last.plusDays(1))).as("the next day starts the next period")
                    .isNotEqualTo(period);
        });
    }
}
