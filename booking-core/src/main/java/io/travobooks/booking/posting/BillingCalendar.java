package io.travobooks.booking.posting;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a settlement plan cuts each month into billing periods, named {@code yyyy-MM-Pn} (for example
 * {@code 2026-03-P1}). Every line a booking posts under BSP carries the period of its date, so that a period's net
 * due is the sum of the payable lines carrying it. Plans differ by country: twice a month or four times.
 *
 * @param firstDays      the first day of each period of a month, from 1 up, each later than the one before
 * @param remittanceDays how many days after a period's last day the agency must have paid BSP for it, when the
 *                       tenant has said (each country's BSP publishes its own calendar)
 */
public record BillingCalendar(List<Integer> firstDays, Optional<Integer> remittanceDays) {
    private static final Pattern NAME = Pattern.compile("(\\d{4})-(\\d{2})-P(\\d)");
    /** The longest wait for a remittance a calendar may name. */
    public static final int MAX_REMITTANCE_DAYS = 60;

    public BillingCalendar(List<Integer> firstDays) {
        this(firstDays, Optional.empty());
    }

    public BillingCalendar {
        Objects.requireNonNull(remittanceDays, "remittanceDays");
        if (remittanceDays.filter(days -> days < 0 || days > MAX_REMITTANCE_DAYS).isPresent()) {
            throw new IllegalArgumentException("a remittance falls due 0 to " + MAX_REMITTANCE_DAYS
                    + " days after its period: " + remittanceDays.get());
        }
        firstDays = List.copyOf(firstDays);
        if (firstDays.isEmpty() || firstDays.size() > 9 || firstDays.getFirst() != 1) {
            throw new IllegalArgumentException("a month has 1 to 9 periods, the first from day 1: " + firstDays);
        }
        for (int i = 1; i < firstDays.size(); i++) {
            if (firstDays.get(i) <= firstDays.get(i - 1) || firstDays.get(i) > 28) {
                throw new IllegalArgumentException("periods start on increasing days up to the 28th: " + firstDays);
            }
        }
    }

    /** Two periods a month: the 1st to the 15th, and the 16th to the month's end. */
    public static BillingCalendar semiMonthly() {
        return new BillingCalendar(List.of(1, 16));
    }

    /** Four periods a month: days 1-7, 8-15, 16-23, and the 24th to the month's end. */
    public static BillingCalendar weekly() {
        return new BillingCalendar(List.of(1, 8, 16, 24));
    }

    /** The name of the period {@code date} falls in. */
    public String periodOf(LocalDate date) {
        Objects.requireNonNull(date, "date");
        int period = 0;
        while (period + 1 < firstDays.size() && date.getDayOfMonth() >= firstDays.get(period + 1)) {
            period++;
        }
        return String.format("%04d-%02d-P%d", date.getYear(), date.getMonthValue(), period + 1);
    }

    /** The same plan, with remittances due this many days after each period's last day. */
    public BillingCalendar withRemittanceDays(int days) {
        return new BillingCalendar(firstDays, Optional.of(days));
    }

    /** The names of the periods that overlap {@code [from, to]}, in order. */
    public List<String> periodsBetween(LocalDate from, LocalDate to) {
        List<String> periods = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = lastDay(periodOf(day)).orElseThrow().plusDays(1)) {
            periods.add(periodOf(day));
        }
        return periods;
    }

    /** The day by which the named period must be paid, when the plan says. */
    public Optional<LocalDate> remittanceDue(String period) {
        return remittanceDays.flatMap(days -> lastDay(period).map(last -> last.plusDays(days)));
    }

    /** The first day of the named period; empty when the name is not one of this plan's periods. */
    public Optional<LocalDate> firstDay(String period) {
        Matcher name = NAME.matcher(Objects.requireNonNull(period, "period"));
        if (!name.matches()) {
            return Optional.empty();
        }
        int month = Integer.parseInt(name.group(2));
        int index = Integer.parseInt(name.group(3));
        if (month < 1 || month > 12 || index < 1 || index > firstDays.size()) {
            return Optional.empty();
        }
        return Optional.of(YearMonth.of(Integer.parseInt(name.group(1)), month).atDay(firstDays.get(index - 1)));
    }

    /** The last day of the named period; empty when the name is not one of this plan's periods. */
    public Optional<LocalDate> lastDay(String period) {
        return firstDay(period).map(first -> {
            int index = firstDays.indexOf(first.getDayOfMonth());
            return index + 1 < firstDays.size() ? first.withDayOfMonth(firstDays.get(index + 1) - 1)
                    : YearMonth.from(first).atEndOfMonth();
        });
    }
}
