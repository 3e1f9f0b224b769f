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
 * (channel), who pays the airline (form of payment) and whose sale it is (accounting model). Together with the
 * supplier's fare they are the facts the posting rules turn into journal entries.
 */
public record BookingTerms(Money commission, Money serviceFee, Money serviceFeeTax, Money markup, Money refundFee,
                           Money refundFeeTax, SettlementChannel channel, FormOfPayment payment,
                           AccountingModel model) {
    public BookingTerms {
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(serviceFee, "serviceFee");
        Objects.requireNonNull(serviceFeeTax, "serviceFeeTax");
        Objects.requireNonNull(markup, "markup");
        Objects.requireNonNull(refundFee, "refundFee");
        Objects.requireNonNull(refundFeeTax, "refundFeeTax");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(model, "model");
        Currency currency = commission.currency();
        for (Money money : new Money[]{serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax}) {
            if (!money.currency().equals(currency)) {
                throw new IllegalArgumentException("terms are in one currency: " + money + " is not " + currency);
            }
        }
        for (Money money : new Money[]{commission, serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax}) {
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
        return new BookingTerms(commission, serviceFee, serviceFeeTax, zero, zero, zero, SettlementChannel.BSP,
                FormOfPayment.AGENCY, AccountingModel.AGENT);
    }

    public BookingTerms withRefundFee(Money fee, Money tax) {
        return new BookingTerms(commission, serviceFee, serviceFeeTax, markup, fee, tax, channel, payment, model);
    }
}
