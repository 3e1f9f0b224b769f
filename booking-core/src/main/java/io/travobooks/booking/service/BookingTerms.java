package io.travobooks.booking.service;

import io.travobooks.booking.posting.AccountingModel;
import io.travobooks.booking.posting.FormOfPayment;
import io.travobooks.booking.posting.SettlementChannel;
import io.travobooks.spi.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;

/**
 * The agency's commercial terms for a booking, per ticket: the airline's commission, the agency's service fee and
 * the tax on it, a markup (merchant sales), and the fee and tax it charges on a refund; plus how the sale settles
 * (channel), who pays the airline (form of payment) and whose sale it is (accounting model). The fee and tax
 * on a reissue are charged per new ticket. Together with the
 * supplier's fare they are the facts the posting rules turn into journal entries.
 *
 * <p>{@code commission} is the amount per ticket. With {@code commissionPercent} (0 to 100) it is that percentage of
 * the base fare: the booking works it out on the fare it holds, and again whenever it takes another (a pricing at a
 * changed fare, an exchange's new ticket). Without it, the amount is fixed whatever the fare.
 */
public record BookingTerms(Money commission, Money serviceFee, Money serviceFeeTax, Money markup, Money refundFee,
                           Money refundFeeTax, Money reissueFee, Money reissueFeeTax, SettlementChannel channel,
                           FormOfPayment payment, AccountingModel model, Optional<BigDecimal> commissionPercent) {
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
        Objects.requireNonNull(commissionPercent, "commissionPercent");
        commissionPercent = commissionPercent.map(Commission.Percent::normalized);
        if (commissionPercent.isPresent() && (commissionPercent.get().signum() < 0
                || commissionPercent.get().compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw new IllegalArgumentException("a commission percentage is between 0 and 100: "
                    + commissionPercent.get().toPlainString());
        }
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

    /** Terms with a fixed commission of {@code commission} per ticket. */
    public BookingTerms(Money commission, Money serviceFee, Money serviceFeeTax, Money markup, Money refundFee,
                        Money refundFeeTax, Money reissueFee, Money reissueFeeTax, SettlementChannel channel,
                        FormOfPayment payment, AccountingModel model) {
        this(commission, serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax, reissueFee, reissueFeeTax,
                channel, payment, model, Optional.empty());
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
                channel, payment, model, commissionPercent);
    }

    public BookingTerms withReissueFee(Money fee, Money tax) {
        return new BookingTerms(commission, serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax, fee, tax,
                channel, payment, model, commissionPercent);
    }

    /** How the sale settles and is paid, and whose it is, with {@code markup} per ticket (merchant sales). */
    public BookingTerms settled(SettlementChannel newChannel, FormOfPayment newPayment, AccountingModel newModel,
                                Money newMarkup) {
        return new BookingTerms(commission, serviceFee, serviceFeeTax, newMarkup, refundFee, refundFeeTax,
                reissueFee, reissueFeeTax, newChannel, newPayment, newModel, commissionPercent);
    }

    /** The same terms with {@code agreed} as the commission, worked out on tickets of {@code baseFare}. */
    BookingTerms withCommission(Commission agreed, Money baseFare) {
        Optional<BigDecimal> percent = agreed instanceof Commission.Percent p ? Optional.of(p.percent())
                : Optional.empty();
        return new BookingTerms(agreed.on(baseFare), serviceFee, serviceFeeTax, markup, refundFee, refundFeeTax,
                reissueFee, reissueFeeTax, channel, payment, model, percent);
    }

    /** The terms on tickets of {@code baseFare}: a percentage commission follows the fare, a fixed one stays. */
    BookingTerms commissionOn(Money baseFare) {
        return commissionPercent.map(percent -> withCommission(Commission.percent(percent), baseFare)).orElse(this);
    }
}
