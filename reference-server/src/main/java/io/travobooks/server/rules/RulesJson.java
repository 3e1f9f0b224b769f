package io.travobooks.server.rules;

import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.BillingCalendar;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.LineRule;
import io.travobooks.booking.posting.PostingAmount;
import io.travobooks.booking.posting.PostingEventType;
import io.travobooks.booking.posting.PostingRule;
import io.travobooks.booking.posting.PostingRules;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.server.http.Json;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.Side;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Posting rules as the API and the database shape them: lists of names, one entry a list of lines. Reading them
 * builds the library's rules, whose constructors refuse what cannot be a rule (an entry of one line).
 */
public final class RulesJson {
    private RulesJson() {
    }

    public record LineBody(String side, String account, String amount, Optional<String> taxCode,
                           Optional<Boolean> splitTaxes) {
        LineRule toRule() {
            return new LineRule(Side.valueOf(side), AccountId.of(account), PostingAmount.valueOf(amount),
                    taxCode.orElse(""), splitTaxes.orElse(false));
        }

        static LineBody of(LineRule line) {
            return new LineBody(line.side().name(), line.account().value(), line.amount().name(),
                    Optional.of(line.taxCode()).filter(code -> !code.isEmpty()),
                    Optional.of(line.splitTaxes()).filter(split -> split));
        }
    }

    public record RuleBody(String event, Optional<List<String>> channels, Optional<List<String>> payments,
                           Optional<List<String>> models, List<List<LineBody>> entries) {
        PostingRule toRule() {
            return new PostingRule(PostingEventType.valueOf(event),
                    channels.orElse(List.of()).stream().map(SettlementChannel::valueOf).collect(Collectors.toSet()),
                    payments.orElse(List.of()).stream().map(FormOfPayment::valueOf).collect(Collectors.toSet()),
                    models.orElse(List.of()).stream().map(AccountingModel::valueOf).collect(Collectors.toSet()),
                    entries.stream().map(lines -> lines.stream().map(LineBody::toRule).toList()).toList());
        }

        static RuleBody of(PostingRule rule) {
            return new RuleBody(rule.event().name(), Optional.of(names(rule.channels())),
                    Optional.of(names(rule.payments())), Optional.of(names(rule.models())),
                    rule.entries().stream().map(lines -> lines.stream().map(LineBody::of).toList()).toList());
        }
    }

    public record CalendarBody(List<Integer> firstDays, Optional<Integer> remittanceDays) {
        BillingCalendar toCalendar() {
            return new BillingCalendar(firstDays, remittanceDays);
        }
    }

    /** A set of rules: the billing calendar (semi-monthly when absent) and the rules, the first match winning. */
    public record RulesBody(Optional<CalendarBody> billingCalendar, List<RuleBody> rules) {
        /** The library's rules; an {@link IllegalArgumentException} names what cannot be a rule. */
        public PostingRules toRules() {
            return new PostingRules(rules.stream().map(RuleBody::toRule).toList(), billingCalendar
                    .map(CalendarBody::toCalendar).orElse(BillingCalendar.semiMonthly()));
        }

        public static RulesBody of(PostingRules rules) {
            return new RulesBody(Optional.of(new CalendarBody(rules.billingCalendar().firstDays(),
                    rules.billingCalendar().remittanceDays())),
                    rules.rules().stream().map(RuleBody::of).toList());
        }
    }

    private static List<String> names(Set<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).sorted().toList();
    }

    public static String write(RulesBody body) {
        return new String(Json.write(body), StandardCharsets.UTF_8);
    }

    public static RulesBody read(String json) {
        try {
            return Json.MAPPER.readValue(json, RulesBody.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored posting rules are not the JSON this server wrote", e);
        }
    }
}
