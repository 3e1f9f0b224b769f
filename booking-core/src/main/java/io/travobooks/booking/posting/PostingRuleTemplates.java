package io.travobooks.booking.posting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.travobooks.booking.posting.LineRule.credit;
import static io.travobooks.booking.posting.LineRule.debit;

/**
 * The default posting rules of a travel agency on the chart of accounts of docs/accounting.md ({@code ChartTemplates
 * .travelAgency()} in ledger-core): a tenant starts from these and edits its own copy. Commission is recognised
 * at issue, or deferred to travel (2400 until a TRAVEL event earns it). An issue posts the government taxes it
 * pays BSP (or the aggregator) per tax code. Not covered yet: the FX difference at settlement (5300 / 4500), and
 * taxes per code on refunds and exchanges.
 */
public final class PostingRuleTemplates {
    private static final String VAT = "VAT";
    /** Air commission earned, and held as deferred revenue until travel. */
    private static final String EARNED = "4100";
    private static final String DEFERRED = "2400";

    private PostingRuleTemplates() {
    }

    /** The rules with commission recognised at issue. */
    public static PostingRules travelAgency() {
        return travelAgency(CommissionRecognition.AT_ISSUE);
    }

    /**
     * The rules with the tenant's commission policy: deferred to travel, the commission an issue or exchange earns
     * is credited to deferred revenue (2400), a refund recalls it from there, and TRAVEL moves it to 4100.
     */
    public static PostingRules travelAgency(CommissionRecognition recognition) {
        String commission = recognition == CommissionRecognition.AT_TRAVEL ? DEFERRED : EARNED;
        List<PostingRule> rules = new ArrayList<>(List.of(
                rule(PostingEventType.DEPOSIT, List.of(
                        debit("1000", PostingAmount.CUSTOMER_TOTAL), credit("2200", PostingAmount.CUSTOMER_TOTAL))),
                // The airline charged the customer's card: the agency books its commission, and invoices its fee.
                new PostingRule(PostingEventType.ISSUE, Set.of(), Set.of(FormOfPayment.CUSTOMER_CARD),
                        Set.of(AccountingModel.AGENT), List.of(
                        List.of(debit("2100", PostingAmount.COMMISSION), credit(commission, PostingAmount.COMMISSION)),
                        List.of(debit("1100", PostingAmount.FEE_WITH_TAX), credit("4300", PostingAmount.SERVICE_FEE),
                                credit("2300", PostingAmount.SERVICE_FEE_TAX).taxed(VAT)))),
                new PostingRule(PostingEventType.ISSUE, Set.of(SettlementChannel.AGGREGATOR),
                        Set.of(FormOfPayment.DEPOSIT), Set.of(AccountingModel.MERCHANT),
                        List.of(merchantIssueFromPrepaidBalance("2200"))),
                new PostingRule(PostingEventType.ISSUE, Set.of(SettlementChannel.AGGREGATOR),
                        Set.of(FormOfPayment.AGENCY), Set.of(AccountingModel.MERCHANT),
                        List.of(merchantIssueFromPrepaidBalance("1100"))),
                new PostingRule(PostingEventType.ISSUE, Set.of(), Set.of(FormOfPayment.DEPOSIT),
                        Set.of(AccountingModel.AGENT), List.of(agentIssue("2200", commission))),
                new PostingRule(PostingEventType.ISSUE, Set.of(), Set.of(), Set.of(AccountingModel.AGENT),
                        List.of(agentIssue("1100", commission))),
                bspAgent(PostingEventType.REFUND, List.of(
                        debit("2100", PostingAmount.REFUND_NET), debit(commission, PostingAmount.COMMISSION_RECALLED),
                        credit("2250", PostingAmount.REFUND_TO_CUSTOMER), credit("4310", PostingAmount.SERVICE_FEE),
                        credit("2300", PostingAmount.SERVICE_FEE_TAX).taxed(VAT))),
                rule(PostingEventType.REFUND_PAYMENT, List.of(
                        debit("2250", PostingAmount.PAYMENT), credit("1000", PostingAmount.PAYMENT))),
                bspAgent(PostingEventType.EXCHANGE, List.of(
                        debit("1100", PostingAmount.ADDITIONAL_COLLECTION), credit("2100", PostingAmount.EXCHANGE_NET_REMIT),
                        credit(commission, PostingAmount.COMMISSION), credit("4310", PostingAmount.SERVICE_FEE),
                        credit("2300", PostingAmount.SERVICE_FEE_TAX).taxed(VAT))),
                bspAgent(PostingEventType.EMD, List.of(
                        debit("1100", PostingAmount.EMD_AMOUNT), credit("2100", PostingAmount.EMD_AMOUNT))),
                rule(PostingEventType.ADM_ACCEPTED, List.of(
                        debit("5100", PostingAmount.MEMO_AMOUNT), credit("2100", PostingAmount.MEMO_AMOUNT))),
                rule(PostingEventType.ADM_RECHARGED, List.of(
                        debit("1100", PostingAmount.MEMO_AMOUNT), credit("2100", PostingAmount.MEMO_AMOUNT))),
                rule(PostingEventType.ADM_DISPUTED, List.of(
                        debit("5100", PostingAmount.MEMO_AMOUNT), credit("2150", PostingAmount.MEMO_AMOUNT))),
                rule(PostingEventType.ADM_DISPUTE_WON, List.of(
                        debit("2150", PostingAmount.MEMO_AMOUNT), credit("5100", PostingAmount.MEMO_AMOUNT))),
                // A lost dispute: the provision becomes what BSP collects.
                rule(PostingEventType.ADM_DISPUTE_LOST, List.of(
                        debit("2150", PostingAmount.MEMO_AMOUNT), credit("2100", PostingAmount.MEMO_AMOUNT))),
                rule(PostingEventType.ACM, List.of(debit("2100", PostingAmount.MEMO_AMOUNT), credit("4100", PostingAmount.MEMO_AMOUNT))),
                rule(PostingEventType.CUSTOMER_PAYMENT, List.of(
                        debit("1000", PostingAmount.PAYMENT), credit("1100", PostingAmount.PAYMENT))),
                rule(PostingEventType.REMITTANCE, List.of(
                        debit("2100", PostingAmount.REMITTANCE_BILLED), debit("5400", PostingAmount.REMITTANCE_VARIANCE),
                        credit("1000", PostingAmount.REMITTANCE_PAID)))));
        if (recognition == CommissionRecognition.AT_TRAVEL) {
            rules.add(rule(PostingEventType.TRAVEL, List.of(debit(DEFERRED, PostingAmount.COMMISSION),
                    credit(EARNED, PostingAmount.COMMISSION))));
        }
        return new PostingRules(rules);
    }

    /** BSP/ARC issue in the agent model: the customer owes the total, BSP gets the net, the agency its revenue. */
    private static List<LineRule> agentIssue(String customerAccount, String commissionAccount) {
        return List.of(debit(customerAccount, PostingAmount.CUSTOMER_TOTAL),
                credit("2100", PostingAmount.NET_REMIT).splittingTaxes(), credit(commissionAccount, PostingAmount.COMMISSION), credit("4200", PostingAmount.MARKUP), credit("4300", PostingAmount.SERVICE_FEE),
                credit("2300", PostingAmount.SERVICE_FEE_TAX).taxed(VAT));
    }

    /** Merchant model on an aggregator balance: the customer owes the total, the prepaid balance pays the net. */
    private static List<LineRule> merchantIssueFromPrepaidBalance(String customerAccount) {
        return List.of(debit(customerAccount, PostingAmount.CUSTOMER_TOTAL), credit("1200", PostingAmount.TICKET_TOTAL)
                        .splittingTaxes(),
                credit("4200", PostingAmount.MARKUP), credit("4300", PostingAmount.SERVICE_FEE),
                credit("2300", PostingAmount.SERVICE_FEE_TAX).taxed(VAT));
    }

    /**
     * A rule for tickets on airline stock settled through BSP or ARC in the agent model, paid to the agency: the
     * refund, exchange and EMD rows of docs/accounting.md. Other combinations (a card refund the airline pays back itself,
     * a merchant refund from a consolidator) have no default and are refused until the tenant adds a rule.
     */
    private static PostingRule bspAgent(PostingEventType event, List<LineRule> lines) {
        return new PostingRule(event, Set.of(SettlementChannel.BSP, SettlementChannel.ARC),
                Set.of(FormOfPayment.AGENCY, FormOfPayment.DEPOSIT), Set.of(AccountingModel.AGENT), List.of(lines));
    }

    /** A rule for every channel, form of payment and model, posting one entry. */
    private static PostingRule rule(PostingEventType event, List<LineRule> lines) {
        return new PostingRule(event, Set.of(), Set.of(), Set.of(), List.of(lines));
    }
}
