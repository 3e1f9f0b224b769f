package io.travobooks.server.support;

import io.travobooks.identity.Totp;
import org.bouncycastle.util.encoders.Base32;

import java.time.Instant;

/** What a person's authenticator app does: codes from the Base32 secret it scanned. */
public final class TotpApp {
    private TotpApp() {
    }

    /** The code for the time step {@code stepsFromNow} steps away from now. */
    public static String code(String base32Secret, int stepsFromNow) {
        byte[] secret = Base32.decode(base32Secret);
        return Totp.STANDARD.code(secret, Totp.STANDARD.step(Instant.now()) + stepsFromNow);
    }
}
