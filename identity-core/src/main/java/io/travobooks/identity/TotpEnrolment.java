package io.travobooks.identity;

import org.bouncycastle.util.encoders.Base32;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A new TOTP secret and the {@code otpauth://} URI an authenticator app reads (from a QR code, or typed in), in the
 * form the apps share: label {@code issuer:account}, the secret in Base32 without padding, and the issuer, the
 * algorithm, the digits and the period as parameters. Both hold the secret: neither is logged ({@link #toString}
 * leaves them out).
 */
public final class TotpEnrolment {
    /** 160 bits: RFC 4226 asks for at least 128 and recommends the HMAC-SHA1 block of 160. */
    private static final int SECRET_BYTES = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] secret;
    private final String uri;

    private TotpEnrolment(byte[] secret, String uri) {
        this.secret = secret.clone();
        this.uri = uri;
    }

    /** A fresh secret for {@code account} (a login or email) at {@code issuer} (the agency or product name). */
    public static TotpEnrolment create(Totp totp, String issuer, String account) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return of(totp, secret, issuer, account);
    }

    /** The enrolment of a given secret. */
    static TotpEnrolment of(Totp totp, byte[] secret, String issuer, String account) {
        if (issuer.contains(":") || account.contains(":")) {
            throw new IllegalArgumentException("an issuer or account name with a colon makes an ambiguous label");
        }
        String base32 = Base32.toBase32String(secret).replace("=", "");
        String uri = "otpauth://totp/" + encode(issuer) + ":" + encode(account) + "?secret=" + base32
                + "&issuer=" + encode(issuer) + "&algorithm=" + totp.algorithm().name()
                + "&digits=" + totp.digits() + "&period=" + totp.stepSeconds();
        return new TotpEnrolment(secret, uri);
    }

    public byte[] secret() {
        return secret.clone();
    }

    public String uri() {
        return uri;
    }

    @Override
    public String toString() {
        return "TotpEnrolment[secret and URI not shown]";
    }

    /** Percent-encoding with spaces as %20, which the apps expect in labels and parameters alike. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
