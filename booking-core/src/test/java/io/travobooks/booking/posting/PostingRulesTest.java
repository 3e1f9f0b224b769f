package io.travobooks.booking.posting;

import io.travobooks.booking.BookingErrorCode;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.Money;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.ledger.Dimension;
import io.travobooks.spi.ledger.EntryLine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static io.travobooks.booking.posting.LineRule.credit;
import static io.travobooks.booking.posting.LineRule.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worked example of docs/accounting.md (Emirates 176, Dhaka-Dubai, BSP Bangladesh, BDT) driven through the default rules:
 * each event's facts in, the table's lines out. The expected lines are the table's, not the rules' own output.
 */
class PostingRulesTest {
    private static final PostingRules RULES = PostingRuleTemplates.travelAgency();
    private static final String TICKET = "1762000000001";

    /** The ticket of the example: base 40,000, YQ 8,000, taxes 6,000, commission 7% of base, fee 1,000 + 15% VAT. */
    private static PostingFacts.Builder ticketFacts() {
        return PostingFacts.builder("BDT")
                .with(PostingAmount.BASE_FARE, "40000").with(PostingAmount.CARRIER_SURCHARGES, "8000").with(PostingAmount.TAXES, "6000")
                .with(PostingAmount.COMMISSION, "2800").with(PostingAmount.SERVICE_FEE, "1000").with(PostingAmount.SERVICE_FEE_TAX, "150")
                .dimension(Dimension.AIRLINE, "176").dimension(Dimension.DOCUMENT_NUMBER, TICKET);
    }

    private static PostingKey key(PostingEventType event, FormOfPayment payment, AccountingModel model) {
        return new PostingKey(event, SettlementChannel.BSP, payment, model);
    }

    private static PostingKey agentCash(PostingEventType event) {
        return key(event, FormOfPayment.AGENCY, AccountingModel.AGENT);
    }

    /** Lines as "Dr 1100 55150" / "Cr 2300 150", in rule order, for a readable comparison with the table. */
    private static List<List<String>> post(PostingKey key, PostingFacts facts) {
        Outcome<List<List<EntryLine>>> outcome = RULES.linesFor(key, facts);
        return outcome.orThrow().stream().map(lines -> lines.stream().map(PostingRulesTest::show).toList()).toList();
    }

    private static String show(EntryLine line) {
        return (line.side().name().equals("DEBIT") ? "Dr " : "Cr ") + line.account().value() + " "
                + line.amount().toDecimal().stripTrailingZeros().toPlainString();
    }

    @Test
    void issueBspCashAgentModel() {
        assertThat(post(agentCash(PostingEventType.ISSUE), ticketFacts().build())).containsExactly(
                List.of("Dr 1100 55150", "Cr 2100 51200", "Cr 4100 2800", "Cr 4300 1000", "Cr 2300 150"));
    }

    @Test
    void commissionDeferredToTravelIsHeldAsDeferredRevenueUntilTravel() {
        PostingRules deferring = PostingRuleTemplates.travelAgency(CommissionRecognition.AT_TRAVEL);

        assertThat(deferring.linesFor(agentCash(PostingEventType.ISSUE), ticketFacts().build()).orThrow().getFirst()
                .stream().map(PostingRulesTest::show).toList()).containsExactly(
                "Dr 1100 55150", "Cr 2100 51200", "Cr 2400 2800", "Cr 4300 1000", "Cr 2300 150");
        assertThat(deferring.linesFor(agentCash(PostingEventType.TRAVEL), ticketFacts().build()).orThrow().getFirst()
                .stream().map(PostingRulesTest::show).toList()).containsExactly("Dr 2400 2800", "Cr 4100 2800");
        assertThat(RULES.linesFor(agentCash(PostingEventType.TRAVEL), ticketFacts().build()).isOk())
                .as("nothing is deferred when commission is recognised at issue").isFalse();
    }

    @Test
    void taxesGivenByCodePostPerCodeInsideTheSameAmount() {
        PostingFacts base = ticketFacts().build();
        PostingFacts byCode = new PostingFacts(base.currency(), base.facts(), base.dimensions(), Map.of(
                "BD", Money.of("500", "BDT"), "UT", Money.of("3000", "BDT"), "OW", Money.of("2500", "BDT")));

        List<EntryLine> lines = RULES.linesFor(agentCash(PostingEventType.ISSUE), byCode).orThrow().getFirst();

        assertThat(lines.stream().map(line -> show(line) + " " + line.dimensions().getOrDefault(Dimension.TAX_CODE,
                "-")).toList()).containsExactly("Dr 1100 55150 -", "Cr 2100 45200 -", "Cr 2100 500 BD",
                "Cr 2100 2500 OW", "Cr 2100 3000 UT", "Cr 4100 2800 -", "Cr 4300 1000 -", "Cr 2300 150 VAT");
        assertThatThrownBy(() -> new PostingFacts(base.currency(), base.facts(), base.dimensions(),
                Map.of("BD", Money.of("500", "BDT")))).as("codes that do not add up to the taxes")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void depositAtHoldAndIssueAgainstTheDeposit() {
        assertThat(post(agentCash(PostingEventType.DEPOSIT), ticketFacts().build())).containsExactly(
                List.of("Dr 1000 55150", "Cr 2200 55150"));
        assertThat(post(key(PostingEventType.ISSUE, FormOfPayment.DEPOSIT, AccountingModel.AGENT),
                ticketFacts().build())).containsExactly(
                List.of("Dr 2200 55150", "Cr 2100 51200", "Cr 4100 2800", "Cr 4300 1000", "Cr 2300 150"));
    }

    @Test
    void issueWithTheCustomersCardChargedByTheAirline() {
        assertThat(post(key(PostingEventType.ISSUE, FormOfPayment.CUSTOMER_CARD, AccountingModel.AGENT),
                ticketFacts().build())).containsExactly(
                List.of("Dr 2100 2800", "Cr 4100 2800"),
                List.of("Dr 1100 1150", "Cr 4300 1000", "Cr 2300 150"));
    }

    @Test
    void issueInTheMerchantModelViaAnAggregatorBalance() {
        PostingFacts facts = ticketFacts().with(PostingAmount.COMMISSION, "0").with(PostingAmount.MARKUP, "500").build();

        assertThat(post(new PostingKey(PostingEventType.ISSUE, SettlementChannel.AGGREGATOR, FormOfPayment.AGENCY,
                AccountingModel.MERCHANT), facts)).containsExactly(
                List.of("Dr 1100 55650", "Cr 1200 54000", "Cr 4200 500", "Cr 4300 1000", "Cr 2300 150"));
    }

    @Test
    void aMerchantSalePaidFromTheDepositDebitsTheDeposit() {
        PostingFacts facts = ticketFacts().with(PostingAmount.COMMISSION, "0").with(PostingAmount.MARKUP, "500").build();

        assertThat(post(new PostingKey(PostingEventType.ISSUE, SettlementChannel.AGGREGATOR, FormOfPayment.DEPOSIT,
                AccountingModel.MERCHANT), facts)).containsExactly(
                List.of("Dr 2200 55650", "Cr 1200 54000", "Cr 4200 500", "Cr 4300 1000", "Cr 2300 150"));
    }

    @Test
    void combinationsWithoutADefaultAreRefusedRatherThanPostedWrongly() {
        PostingFacts refund = PostingFacts.builder("BDT").with(PostingAmount.REFUNDABLE, "49000").build();

        for (PostingKey key : List.of(
                key(PostingEventType.REFUND, FormOfPayment.CUSTOMER_CARD, AccountingModel.AGENT),
                new PostingKey(PostingEventType.REFUND, SettlementChannel.AGGREGATOR, FormOfPayment.AGENCY,
                        AccountingModel.MERCHANT),
                new PostingKey(PostingEventType.ISSUE, SettlementChannel.DIRECT, FormOfPayment.AGENCY,
                        AccountingModel.MERCHANT))) {
            assertThat(RULES.linesFor(key, refund)).as(key.toString()).isInstanceOfSatisfying(Outcome.Refused.class,
                    refused -> assertThat(refused.rejection().code()).isEqualTo(BookingErrorCode.BOOKING_NO_POSTING_RULE));
        }
        assertThat(RULES.linesFor(agentCash(PostingEventType.ISSUE), PostingFacts.builder("BDT").build()))
                .as("no facts at all").isInstanceOfSatisfying(Outcome.Refused.class, refused -> assertThat(
                        refused.rejection().code()).isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND));
    }

    @Test
    void customerPaymentRefundExchangeAndEmd() {
        assertThat(post(agentCash(PostingEventType.CUSTOMER_PAYMENT), PostingFacts.builder("BDT")
                .with(PostingAmount.PAYMENT, "55150").build())).containsExactly(List.of("Dr 1000 55150", "Cr 1100 55150"));
        // The airline keeps a 5,000 penalty of 54,000 and recalls 7% of the 35,000 base refunded; fee 500 + VAT.
        assertThat(post(agentCash(PostingEventType.REFUND), PostingFacts.builder("BDT")
                .with(PostingAmount.REFUNDABLE, "49000").with(PostingAmount.COMMISSION_RECALLED, "2450")
                .with(PostingAmount.SERVICE_FEE, "500").with(PostingAmount.SERVICE_FEE_TAX, "75").build())).containsExactly(
                List.of("Dr 2100 46550", "Dr 4100 2450", "Cr 2250 48425", "Cr 4310 500", "Cr 2300 75"));
        assertThat(post(agentCash(PostingEventType.REFUND_PAYMENT), PostingFacts.builder("BDT")
                .with(PostingAmount.PAYMENT, "48425").build())).containsExactly(List.of("Dr 2250 48425", "Cr 1000 48425"));
        assertThat(post(agentCash(PostingEventType.EXCHANGE), PostingFacts.builder("BDT")
                .with(PostingAmount.FARE_DIFFERENCE, "2000").with(PostingAmount.CHANGE_PENALTY, "3000")
                .with(PostingAmount.COMMISSION, "140").with(PostingAmount.SERVICE_FEE, "800").with(PostingAmount.SERVICE_FEE_TAX, "120")
                .build())).containsExactly(
                List.of("Dr 1100 5920", "Cr 2100 4860", "Cr 4100 140", "Cr 4310 800", "Cr 2300 120"));
        assertThat(post(agentCash(PostingEventType.EMD), PostingFacts.builder("BDT").with(PostingAmount.EMD_AMOUNT, "6000")
                .build())).containsExactly(List.of("Dr 1100 6000", "Cr 2100 6000"));
    }

    @Test
    void admsAcmAndRemittance() {
        PostingFacts adm = PostingFacts.builder("BDT").with(PostingAmount.MEMO_AMOUNT, "3500").build();
        assertThat(post(agentCash(PostingEventType.ADM_ACCEPTED), adm)).containsExactly(
                List.of("Dr 5100 3500", "Cr 2100 3500"));
        assertThat(post(agentCash(PostingEventType.ADM_RECHARGED), adm)).containsExactly(
                List.of("Dr 1100 3500", "Cr 2100 3500"));
        assertThat(post(agentCash(PostingEventType.ADM_DISPUTED), adm)).containsExactly(
                List.of("Dr 5100 3500", "Cr 2150 3500"));
        assertThat(post(agentCash(PostingEventType.ADM_DISPUTE_WON), adm)).containsExactly(
                List.of("Dr 2150 3500", "Cr 5100 3500"));
        assertThat(post(agentCash(PostingEventType.ACM), PostingFacts.builder("BDT").with(PostingAmount.MEMO_AMOUNT, "400")
                .build())).containsExactly(List.of("Dr 2100 400", "Cr 4100 400"));
        // BSP bills 67,010 and the bank pays 67,035: 25 unexplained, written off.
        assertThat(post(agentCash(PostingEventType.REMITTANCE), PostingFacts.builder("BDT")
                .with(PostingAmount.REMITTANCE_BILLED, "67010").with(PostingAmount.REMITTANCE_PAID, "67035").build()))
                .containsExactly(List.of("Dr 2100 67010", "Dr 5400 25", "Cr 1000 67035"));
        assertThat(post(agentCash(PostingEventType.REMITTANCE), PostingFacts.builder("BDT")
                .with(PostingAmount.REMITTANCE_BILLED, "67010").with(PostingAmount.REMITTANCE_PAID, "67000").build()))
                .as("paid less: the variance is credited").containsExactly(
                        List.of("Dr 2100 67010", "Cr 5400 10", "Cr 1000 67000"));
        assertThat(post(agentCash(PostingEventType.REMITTANCE), PostingFacts.builder("BDT")
                .with(PostingAmount.REMITTANCE_BILLED, "67010").with(PostingAmount.REMITTANCE_PAID, "67010").build()))
                .as("no variance, no line").containsExactly(List.of("Dr 2100 67010", "Cr 1000 67010"));
    }

    @Test
    void everyLineCarriesTheEventsDimensionsAndTaxLinesTheirTaxCode() {
        List<EntryLine> lines = RULES.linesFor(agentCash(PostingEventType.ISSUE), ticketFacts()
                .dimension(Dimension.BOOKING_ID, "BK-1").build()).orThrow().getFirst();

        assertThat(lines).allSatisfy(line -> assertThat(line.dimensions()).containsEntry(Dimension.AIRLINE, "176")
                .containsEntry(Dimension.DOCUMENT_NUMBER, TICKET).containsEntry(Dimension.BOOKING_ID, "BK-1"));
        assertThat(lines).filteredOn(line -> line.account().equals(AccountId.of("2300"))).singleElement()
                .satisfies(vat -> assertThat(vat.dimensions()).containsEntry(Dimension.TAX_CODE, "VAT"));
        assertThat(lines).filteredOn(line -> line.dimensions().containsKey(Dimension.TAX_CODE)).hasSize(1);
    }

    @Test
    void aMissingOrUnbalancedRuleIsRefusedWithItsCode() {
        PostingRules onlyEmd = new PostingRules(List.of(new PostingRule(PostingEventType.EMD, Set.of(), Set.of(),
                Set.of(), List.of(List.of(debit("1100", PostingAmount.EMD_AMOUNT), credit("2100", PostingAmount.TICKET_TOTAL))))));

        assertThat(onlyEmd.linesFor(agentCash(PostingEventType.ISSUE), ticketFacts().build()))
                .isInstanceOfSatisfying(Outcome.Refused.class, refused -> assertThat(refused.rejection().code())
                        .isEqualTo(BookingErrorCode.BOOKING_NO_POSTING_RULE));
        assertThat(onlyEmd.linesFor(agentCash(PostingEventType.EMD), ticketFacts().with(PostingAmount.EMD_AMOUNT, "6000")
                .build())).isInstanceOfSatisfying(Outcome.Refused.class, refused -> assertThat(
                        refused.rejection().code()).isEqualTo(BookingErrorCode.BOOKING_POSTING_RULE_UNBALANCED));
    }

    @Test
    void everyDefaultRuleBalancesForAnyAmountsZeroAndNegativeIncluded() {
        SplittableRandom random = new SplittableRandom(20261130);
        for (int round = 0; round < 200; round++) {
            PostingFacts.Builder facts = PostingFacts.builder("BDT");
            for (PostingAmount amount : PostingAmount.values()) { // derived amounts are computed, not read
                facts.with(amount, Integer.toString(random.nextInt(4) == 0 ? 0 : random.nextInt(-500, 60_000)));
            }
            PostingFacts some = facts.build();
            for (PostingRule rule : RULES.rules()) {
                for (SettlementChannel channel : SettlementChannel.values()) {
                    for (FormOfPayment payment : FormOfPayment.values()) {
                        for (AccountingModel model : AccountingModel.values()) {
                            PostingKey key = new PostingKey(rule.event(), channel, payment, model);
                            if (rule.matches(key) && RULES.linesFor(key, some) instanceof Outcome.Refused<?> refused) {
                                assertThat(refused.rejection().code()).as(key + " " + some)
                                        .isEqualTo(BookingErrorCode.BOOKING_INVALID_COMMAND); // all zero
                            }
                        }
                    }
                }
            }
        }
    }
}
