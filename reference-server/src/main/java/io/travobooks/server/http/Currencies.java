package io.travobooks.server.http;

import java.util.Currency;

/** ISO 4217 codes from requests: the contract checks the form (three capitals), this checks the code exists. */
public final class Currencies {
    private Currencies() {
    }

    public static Currency parse(String code, String field) {
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw ApiProblem.invalid(field, code + " is not a currency money can be kept in");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, "unknown currency " + code);
        }
    }
}
