package io.travobooks.server.users;

import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.FieldError;
import io.travobooks.spi.TenantId;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in through the server's OpenID Connect provider, with the authorization code flow and PKCE. The server
 * keeps nothing between the steps: the state it hands out is the PKCE verifier and the nonce sealed under its secret
 * key, so any node finishes a sign-in that any node began. The provider's ID token must carry a verified email
 * address; the server's user with that address signs in under the rules of a password sign-in (a disabled user
 * cannot; a user with a second factor gives a code too, in a second step, with the ticket the first step answered).
 */
public final class OidcSignIns {
    static final Duration STATE_TTL = Duration.ofMinutes(10);
    static final Duration TICKET_TTL = Duration.ofMinutes(5);
    private static final String STATE_CONTEXT = "oidc-state";
    private static final String TICKET_CONTEXT = "oidc-ticket";

    private final OidcProvider provider;
    private final SecretBox box;
    private final UserStore store;
    private final Logins logins;
    private final SecondFactor secondFactor;
    private final Clock clock;

    public OidcSignIns(OidcProvider provider, SecretBox box, UserStore store, Logins logins,
                       SecondFactor secondFactor, Clock clock) {
        this.provider = provider;
        this.box = box;
        this.store = store;
        this.logins = logins;
        this.secondFactor = secondFactor;
        this.clock = clock;
    }

    /** Where to send the person, and the state the provider will send back with the code. */
    public record Authorization(String authorizationUrl, String state, Instant expiresAt) {
    }

    /** What finishing the provider's step gives: a session, or a ticket to finish with a second factor. */
    public sealed interface Outcome {
    }

    public record SignedIn(Logins.SignedIn signedIn) implements Outcome {
    }

    public record SecondFactorNeeded(String ticket, Instant expiresAt) implements Outcome {
        @Override
        public String toString() {
            return "SecondFactorNeeded[expiresAt=" + expiresAt + "]";
        }
    }

    public Authorization start() {
        OidcProvider.Pkce pkce = OidcProvider.Pkce.fresh();
        Instant expiresAt = clock.instant().plus(STATE_TTL);
        String state = seal(List.of(pkce.verifier(), pkce.nonce(), Long.toString(expiresAt.getEpochSecond())),
                STATE_CONTEXT);
        return new Authorization(provider.authorizationUrl(pkce, state), state, expiresAt);
    }

    /**
     * Trades the provider's code for its ID token and finds the user it names. Throws the 401 for a state that is
     * not this server's or is too old, a code the provider refuses, a token that does not verify, and an address
     * that is not verified or is no enabled user's (the same answer for the last two).
     */
    public Outcome finish(String code, String state, String fromAddress) {
        logins.attemptFrom(fromAddress);
        List<String> opened = open(state, STATE_CONTEXT, 3).orElseThrow(() -> refused("OIDC_STATE_INVALID",
                "/state", "is not a state this server gave out in the last " + STATE_TTL.toMinutes() + " minutes"));
        OidcProvider.Identity identity = provider.identify(code, new OidcProvider.Pkce(opened.get(0),
                opened.get(1)));
        User user = identity.verifiedEmail().flatMap(email -> store.findByEmail(Users.normalizedEmail(email)))
                .map(UserStore.WithPassword::user).filter(found -> !found.disabled())
                .orElseThrow(() -> new ApiProblem(401, "OIDC_NO_USER", "No user for this identity",
                        "the provider's account has no verified email address that is an enabled user's here"));
        if (!user.mfaEnrolled()) {
            return new SignedIn(logins.admit(user));
        }
        Instant expiresAt = clock.instant().plus(TICKET_TTL);
        return new SecondFactorNeeded(seal(List.of(user.tenant().value(), user.id(), user.email(),
                Integer.toString(user.credentialsVersion()), Long.toString(expiresAt.getEpochSecond())),
                TICKET_CONTEXT), expiresAt);
    }

    /** The second step for a user with a second factor: the ticket of the first, and a code. */
    public Logins.SignedIn finish(String ticket, Optional<String> totpCode, Optional<String> recoveryCode,
                                  String fromAddress) {
        logins.attemptFrom(fromAddress);
        ApiProblem stale = refused("OIDC_TICKET_INVALID", "/sign_in_ticket",
                "is not a ticket this server gave out in the last " + TICKET_TTL.toMinutes() + " minutes");
        List<String> opened = open(ticket, TICKET_CONTEXT, 5).orElseThrow(() -> stale);
        logins.attemptAt(opened.get(2));
        UserStore.WithPassword stored = store.findByEmail(opened.get(2))
                .filter(found -> found.user().tenant().equals(new TenantId(opened.get(0)))
                        && found.user().id().equals(opened.get(1)) && !found.user().disabled()
                        // a change of password, second factor or standing since the first step voids its ticket
                        && Integer.toString(found.user().credentialsVersion()).equals(opened.get(3)))
                .orElseThrow(() -> stale);
        secondFactor.verify(stored, totpCode, recoveryCode);
        return logins.admit(stored.user());
    }

    /** {@code fields} sealed for {@code context}, as URL-safe text (it travels in the provider's redirect). */
    private String seal(List<String> fields, String context) {
        byte[] sealed = Base64.getDecoder().decode(box.seal(String.join("\n", fields)
                .getBytes(StandardCharsets.UTF_8), context));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    /** The fields {@link #seal} sealed, when {@code text} is this server's, for this context, and not expired. */
    private Optional<List<String>> open(String text, String context, int fieldCount) {
        List<String> fields;
        try {
            String sealed = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(text));
            fields = List.of(new String(box.open(sealed, context), StandardCharsets.UTF_8).split("\n", -1));
        } catch (IllegalArgumentException | IllegalStateException notOurs) {
            return Optional.empty();
        }
        if (fields.size() != fieldCount
                || Instant.ofEpochSecond(Long.parseLong(fields.get(fieldCount - 1))).isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(fields);
    }

    private static ApiProblem refused(String code, String field, String message) {
        return new ApiProblem(401, code, "Sign-in not accepted", "the " + field.substring(1) + " " + message,
                List.of(new FieldError(field, message)), Map.of());
    }
}
