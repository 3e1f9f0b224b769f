package io.travobooks.booking.posting;

import io.travobooks.spi.Money;
import io.travobooks.spi.ledger.Dimension;

import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The amounts of one event in one currency (facts not given are zero), the dimensions every line carries
 * (airline, document number, billing period, booking id), and the government taxes by code when known (they add up
 * to {@link PostingAmount#TAXES}; a line rule that splits taxes posts them per code).
 */
public record PostingFacts(Currency currency, Map<PostingAmount, Money> facts, Map<Dimension, String> dimensions,
                           Map<String, Money> taxesByCode) {
    public PostingFacts {
        Objects.requireNonNull(currency, "currency");
        facts.forEach((amount, money) -> {
            if (!money.currency().equals(currency)) {
                throw new IllegalArgumentException(amount + " is in " + money.currency() + ", not " + currency);
            }
        });
        facts = Map.copyOf(facts);
        dimensions = Map.copyOf(dimensions);
        taxesByCode = Collections.unmodifiableMap(new TreeMap<>(taxesByCode));
        long sum = taxesByCode.values().stream().mapToLong(Money::minor).sum();
        if (!taxesByCode.isEmpty() && sum != facts.getOrDefault(PostingAmount.TAXES, new Money(0, currency)).minor()) {
            throw new IllegalArgumentException("the taxes by code do not add up to the taxes");
        }
    }

    public PostingFacts(Currency currency, Map<PostingAmount, Money> facts, Map<Dimension, String> dimensions) {
        this(currency, facts, dimensions, Map.of());
    }

    public static Builder builder(String currencyCode) {
        return new Builder(Currency.getInstance(currencyCode));
    }

    /** A fact as given, or a derived amount computed from the facts. */
    public Money amount(PostingAmount amount) {
        return switch (amount) {
            case TICKET_TOTAL -> sum(PostingAmount.BASE_FARE, PostingAmount.CARRIER_SURCHARGES, PostingAmount.TAXES);
            case NET_REMIT -> amount(PostingAmount.TICKET_TOTAL).minus(fact(PostingAmount.COMMISSION));
            case CUSTOMER_TOTAL -> amount(PostingAmount.TICKET_TOTAL).plus(sum(PostingAmount.MARKUP, PostingAmount.SERVICE_FEE,
                    PostingAmount.SERVICE_FEE_TAX));
            case FEE_WITH_TAX -> sum(PostingAmount.SERVICE_FEE, PostingAmount.SERVICE_FEE_TAX);
            case REFUND_NET -> fact(PostingAmount.REFUNDABLE).minus(fact(PostingAmount.COMMISSION_RECALLED));
            case REFUND_TO_CUSTOMER -> fact(PostingAmount.REFUNDABLE).minus(amount(PostingAmount.FEE_WITH_TAX));
            case ADDITIONAL_COLLECTION -> sum(PostingAmount.FARE_DIFFERENCE, PostingAmount.CHANGE_PENALTY, PostingAmount.SERVICE_FEE,
                    PostingAmount.SERVICE_FEE_TAX);
            case EXCHANGE_NET_REMIT -> sum(PostingAmount.FARE_DIFFERENCE, PostingAmount.CHANGE_PENALTY)
                    .minus(fact(PostingAmount.COMMISSION));
            case REMITTANCE_VARIANCE -> fact(PostingAmount.REMITTANCE_PAID).minus(fact(PostingAmount.REMITTANCE_BILLED));
            default -> fact(amount);
        };
    }

    private Money fact(PostingAmount amount) {
        return facts.getOrDefault(amount, new Money(0, currency));
    }

    private Money sum(PostingAmount... amounts) {
        Money total = new Money(0, currency);
        for (PostingAmount amount : amounts) {
            total = total.plus(fact(amount));
        }
        return total;
    }

    public static final class Builder {
        private final Currency currency;
        private final Map<PostingAmount, Money> facts = new EnumMap<>(PostingAmount.class);
        private final Map<Dimension, String> dimensions = new EnumMap<>(Dimension.class);

        private Builder(Currency currency) {
            this.currency = currency;
        }

        /** A fact in the builder's currency, as a decimal string ("51200", "12.50"). */
        public Builder with(PostingAmount amount, String value) {
            facts.put(amount, Money.of(value, currency.getCurrencyCode()));
            return this;
        }

        public Builder dimension(Dimension dimension, String value) {
            dimensions.put(dimension, value);
            return this;
        }

        public PostingFacts build() {
            return new PostingFacts(currency, facts, dimensions);
        }
    }
}
