package io.travobooks.booking.posting;

import io.travobooks.spi.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.travobooks.booking.posting.PostingAmount.BASE_FARE;
import static io.travobooks.booking.posting.PostingAmount.CARRIER_SURCHARGES;
import static io.travobooks.booking.posting.PostingAmount.CHANGE_PENALTY;
import static io.travobooks.booking.posting.PostingAmount.COMMISSION;
import static io.travobooks.booking.posting.PostingAmount.COMMISSION_RECALLED;
import static io.travobooks.booking.posting.PostingAmount.EMD_AMOUNT;
import static io.travobooks.booking.posting.PostingAmount.FARE_DIFFERENCE;
import static io.travobooks.booking.posting.PostingAmount.MEMO_AMOUNT;
import static io.travobooks.booking.posting.PostingAmount.PAYMENT;
import static io.travobooks.booking.posting.PostingAmount.REFUNDABLE;
import static io.travobooks.booking.posting.PostingAmount.REMITTANCE_BILLED;
import static io.travobooks.booking.posting.PostingAmount.REMITTANCE_PAID;
import static io.travobooks.booking.posting.PostingAmount.SERVICE_FEE;
import static io.travobooks.booking.posting.PostingAmount.SERVICE_FEE_TAX;
import static io.travobooks.booking.posting.PostingAmount.TAXES;

/**
 * The accounting guide's worked examples as posting events: a Dhaka-Dubai ticket on Emirates (fare 54,000 BDT:
 * base 40,000, YQ 8,000, taxes 6,000; 2,800 commission, a 1,000 fee with 150 VAT) issued through BSP in the agent
 * model and paid every way, then refunded, exchanged, given an EMD, met by ADMs and an ACM, paid for, and
 * remitted. An edited set of rules is run through them before it is used: each must find a rule and post
 * balanced entries. They cover BSP tickets in the agent model (issues paid every way, the rest paid to the
 * agency); rules for other channels, models and forms of payment, and the TRAVEL event that moves commission
 * deferred to travel, are not exercised, and a change to them is not checked here.
 */
public final class PostingRuleExamples {
    /** One event of the guide, as the booking service would post it. */
    public record Example(String name, PostingKey key, PostingFacts facts) {
        public Example {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(facts, "facts");
        }
    }

    /** An example the rules cannot post, and why. */
    public record Failure(String example, String reason) {
    }

    private PostingRuleExamples() {
    }

    /** Every example, in taka. */
    public static List<Example> standard() {
        List<Example> examples = new ArrayList<>();
        for (FormOfPayment payment : FormOfPayment.values()) {
            examples.add(example("issue paid " + payment.name().toLowerCase(), PostingEventType.ISSUE, payment,
                    ticket()));
        }
        examples.add(example("deposit at hold", PostingEventType.DEPOSIT, FormOfPayment.DEPOSIT, ticket()));
        examples.add(example("refund", PostingEventType.REFUND, FormOfPayment.AGENCY, facts()
                .with(REFUNDABLE, "46000").with(COMMISSION_RECALLED, "2300").with(SERVICE_FEE, "500")
                .with(SERVICE_FEE_TAX, "75")));
        examples.add(example("refund paid out", PostingEventType.REFUND_PAYMENT, FormOfPayment.AGENCY, facts()
                .with(PAYMENT, "45425")));
        examples.add(example("exchange", PostingEventType.EXCHANGE, FormOfPayment.AGENCY, facts()
                .with(FARE_DIFFERENCE, "6000").with(CHANGE_PENALTY, "3000").with(COMMISSION, "420")
                .with(SERVICE_FEE, "500").with(SERVICE_FEE_TAX, "75")));
        examples.add(example("EMD", PostingEventType.EMD, FormOfPayment.AGENCY, facts().with(EMD_AMOUNT, "6000")));
        for (PostingEventType memo : List.of(PostingEventType.ADM_ACCEPTED, PostingEventType.ADM_RECHARGED,
                PostingEventType.ADM_DISPUTED, PostingEventType.ADM_DISPUTE_WON, PostingEventType.ADM_DISPUTE_LOST,
                PostingEventType.ACM)) {
            examples.add(example(memo.name().toLowerCase().replace('_', ' '), memo, FormOfPayment.AGENCY, facts()
                    .with(MEMO_AMOUNT, "3500")));
        }
        examples.add(example("customer payment", PostingEventType.CUSTOMER_PAYMENT, FormOfPayment.AGENCY, facts()
                .with(PAYMENT, "55150")));
        examples.add(example("BSP remittance", PostingEventType.REMITTANCE, FormOfPayment.AGENCY, facts()
                .with(REMITTANCE_BILLED, "51200").with(REMITTANCE_PAID, "51190")));
        return List.copyOf(examples);
    }

    /** The examples {@code rules} cannot post; empty when they post every one. */
    public static List<Failure> check(PostingRules rules) {
        List<Failure> failures = new ArrayList<>();
        for (Example example : standard()) {
            if (rules.linesFor(example.key(), example.facts()) instanceof Outcome.Refused<?> refused) {
                failures.add(new Failure(example.name(), refused.rejection().detail()));
            }
        }
        return List.copyOf(failures);
    }

    private static PostingFacts.Builder facts() {
        return PostingFacts.builder("BDT");
    }

    private static PostingFacts.Builder ticket() {
        return facts().with(BASE_FARE, "40000").with(CARRIER_SURCHARGES, "8000").with(TAXES, "6000")
                .with(COMMISSION, "2800").with(SERVICE_FEE, "1000").with(SERVICE_FEE_TAX, "150");
    }

    private static Example example(String name, PostingEventType event, FormOfPayment payment,
                                   PostingFacts.Builder facts) {
        return new Example(name, new PostingKey(event, SettlementChannel.BSP, payment, AccountingModel.AGENT),
                facts.build());
    }
}
