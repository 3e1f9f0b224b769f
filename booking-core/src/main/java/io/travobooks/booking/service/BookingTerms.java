package io.travobooks.booking.service;

import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.spi.Money;

import java.util.Currency;
import java.util.Objects;

/**
 * The agency's commercial terms for a booking, per ticket: the airline's commission, the agency's service fee and
 * the tax on it, a markup (merchant sales), and the fee and tax it charges on a refund; plus how the sale settles
 * (channel), who pays the airline (form of payment) and whose sale it is (accounting model). The fee and tax
 * on a reissue are charged per new ticket. Together with the
 * supplier's fare they are the facts the posting rules turn into journal entries.
 */
public record BookingTerms(Money commission, Money serviceFee, Money serviceFeeTax, Money markup, Money refundFee,
                           Money refundFeeTax, Money reissueFee, Money reissueFeeTax, SettlementChannel channel,
                           FormOfPayment payment, AccountingModel model) {
    public BookingTerms {
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(serviceFee, "serviceFee");
        Objects.requireNonNull(serviceFeeTax, "serviceFeeTax");
        Objects.requireNonNull(markup, "markup");
        Objects.requireNonNull(refundFee, "refundFee");
        Objects.requireNonNull(refundFeeTax, "refundFeeTax");
        Objects.requireNonNull(reissueFee, "reissueFee");
        Objects.requireNonNull(reissueFeeTax, "reissueFeeTax");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(model, "model");
        Currency currency = commission.currency();
        for (Money money : new Money[]{serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax, reissueFee,
                reissueFeeTax}) {
            if (!money.currency().equals(currency)) {
                throw new IllegalArgumentException("terms are in one currency: " + money + " is not " + currency);
            }
        }
        for (Money money : new Money[]{commission, serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax,
                reissueFee, reissueFeeTax}) {
            if (money.minor() < 0) {
                throw new IllegalArgumentException("terms are never negative: " + money);
            }
        }
    }

    public Currency currency() {
        return commission.currency();
    }

    /** A BSP agent sale paid by the agency, with commission and fees. */
    public static BookingTerms bspAgent(Money commission, Money serviceFee, Money serviceFeeTax) {
        Money zero = new Money(0, commission.currency());
        return new BookingTerms(commission, serviceFee, serviceFeeTax, zero, zero, zero, zero, zero,
                SettlementChannel.BSP, FormOfPayment.AGENCY, AccountingModel.AGENT);
    }

    public BookingTerms withRefundFee(Money fee, Money tax) {
        return new BookingTerms(commission, serviceFee, serviceFeeTax, markup, fee, tax, reissueFee, reissueFeeTax,
                channel, payment, model);
    }

    public BookingTerms withReissueFee(Money fee, Money tax) {
        return new BookingTerms(commission, serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax, fee, tax,
                channel, payment, model);
    }

    /** How the sale settles and is paid, and whose it is, with {@code markup} per ticket (merchant sales). */
    public BookingTerms settled(SettlementChannel newChannel, FormOfPayment newPayment, AccountingModel newModel,
                                Money newMarkup) {
        return new BookingTerms(commission, serviceFee, serviceFeeTax, newMarkup, refundFee, refundFeeTax,
                reissueFee, reissueFeeTax, newChannel, newPayment, newModel);
    }
}
