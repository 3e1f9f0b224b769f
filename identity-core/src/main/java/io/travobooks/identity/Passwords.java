package io.travobooks.identity;

import java.text.Normalizer;

/** The one form of a password that every rule sees: Unicode NFKC, so the same text typed two ways is one password. */
final class Passwords {
    private Passwords() {
    }

    static String normalized(CharSequence password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }
}
