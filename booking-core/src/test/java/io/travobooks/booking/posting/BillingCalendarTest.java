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
