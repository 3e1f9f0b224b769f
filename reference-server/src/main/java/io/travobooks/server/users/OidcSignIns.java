package io.travobooks.server.users;

import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.auth.Sha256;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.FieldError;
import io.travobooks.spi.TenantId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Signing in through the server's OpenID Connect provider, with the authorization code flow and PKCE. The server
 * keeps nothing between the steps: the state it hands out is the PKCE verifier, the nonce and the hash of a binding
 * sealed under its secret key, so any node finishes a sign-in that any node began. The binding goes to the caller
 * only, never through the provider: a code and state read from the provider's redirect finish nothing without it.
 *
 * <p>An account at the provider signs in the user it is linked to. An account linked to no one signs in the user
 * whose address it verified, when that user is linked to no other account, and is linked to them once they are in
 * (for a user with a second factor, after it). The rules of a password sign-in apply: a disabled user cannot; a
 * user with a second factor gives a code too, in a second step, with the ticket the first step answered.
 */
public final class OidcSignIns {
    static final Duration STATE_TTL = Duration.ofMinutes(10);
    static final Duration TICKET_TTL = Duration.ofMinutes(5);
    private static final String STATE_CONTEXT = "oidc-state";
    private static final String TICKET_CONTEXT = "oidc-ticket";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OidcProvider provider;
    private final Predicate<String> admitsTenant;
    private final SecretBox box;
    private final UserStore store;
    private final Logins logins;
    private final SecondFactor secondFactor;
    private final Clock clock;

    public OidcSignIns(OidcProvider provider, Predicate<String> admitsTenant, SecretBox box, UserStore store,
                       Logins logins, SecondFactor secondFactor, Clock clock) {
        this.provider = provider;
        this.admitsTenant = admitsTenant;
        this.box = box;
        this.store = store;
        this.logins = logins;
        this.secondFactor = secondFactor;
        this.clock = clock;
    }

    /**
     * Where to send the person, the state the provider will send back with the code, and the binding that only
     * the caller holds (kept beside the state until the code comes back).
     */
    public record Authorization(String authorizationUrl, String state, String binding, Instant expiresAt) {
        @Override
        public String toString() {
            return "Authorization[expiresAt=" + expiresAt + "]";
        }
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
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String binding = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = clock.instant().plus(STATE_TTL);
        String state = seal(List.of(pkce.verifier(), pkce.nonce(), Sha256.hex(binding),
                Long.toString(expiresAt.getEpochSecond())), STATE_CONTEXT);
        return new Authorization(provider.authorizationUrl(pkce, state), state, binding, expiresAt);
    }

    /**
     * Trades the provider's code for its ID token and finds the user its account signs in; {@code identified}
     * learns who that is before any second factor is asked. Throws the 401 for a state that is not this server's,
     * is too old or is not the binding's, a code the provider refuses, a token that does not verify, and an
     * account that signs no enabled user of an admitted tenant in.
     */
    public Outcome finish(String code, String state, String binding, String fromAddress,
                          Consumer<User> identified) {
        logins.attemptFrom(fromAddress);
        List<String> opened = open(state, STATE_CONTEXT, 4)
                .filter(fields -> MessageDigest.isEqual(fields.get(2).getBytes(StandardCharsets.US_ASCII),
                        Sha256.hex(binding).getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> refused("OIDC_STATE_INVALID", "/state", "is not a state this server gave out "
                        + "with this binding in the last " + STATE_TTL.toMinutes() + " minutes"));
        OidcProvider.Identity identity = provider.identify(code, new OidcProvider.Pkce(opened.get(0),
                opened.get(1)));
        Optional<User> linked = store.findByOidc(identity.issuer(), identity.subject());
        User user = linked.or(() -> identity.verifiedEmail()
                        .flatMap(email -> store.findByEmail(Users.normalizedEmail(email)))
                        .map(UserStore.WithPassword::user)
                        .filter(found -> store.linkable(found.tenant(), found.id(), identity.issuer(),
                                identity.subject())))
                .filter(found -> !found.disabled() && admitsTenant.test(found.tenant().value()))
                .orElseThrow(OidcSignIns::noUser);
        identified.accept(user);
        boolean link = linked.isEmpty();
        if (!user.mfaEnrolled()) {
            linkIfNeeded(link, user, identity);
            return new SignedIn(logins.admit(user));
        }
        // A link waits for the second factor: an account that proves the address alone links no one.
        Instant expiresAt = clock.instant().plus(TICKET_TTL);
        return new SecondFactorNeeded(seal(List.of(user.tenant().value(), user.id(), user.email(),
                Integer.toString(user.credentialsVersion()), Boolean.toString(link), identity.issuer(),
                identity.subject(), Long.toString(expiresAt.getEpochSecond())), TICKET_CONTEXT), expiresAt);
    }

    /**
     * The second step for a user with a second factor: the ticket of the first, and a code. {@code identified}
     * learns whose ticket it is before the code is checked.
     */
    public Logins.SignedIn finish(String ticket, Optional<String> totpCode, Optional<String> recoveryCode,
                                  String fromAddress, Consumer<User> identified) {
        logins.attemptFrom(fromAddress);
        ApiProblem stale = refused("OIDC_TICKET_INVALID", "/sign_in_ticket",
                "is not a ticket this server gave out in the last " + TICKET_TTL.toMinutes() + " minutes");
        List<String> opened = open(ticket, TICKET_CONTEXT, 8).orElseThrow(() -> stale);
        logins.attemptAt(opened.get(2)); // a throttled guess is on no tenant's log, as with a password
        UserStore.WithPassword stored = store.findByEmail(opened.get(2))
                .filter(found -> found.user().tenant().equals(new TenantId(opened.get(0)))
                        && found.user().id().equals(opened.get(1)) && !found.user().disabled()
                        // a change of password, second factor or standing since the first step voids its ticket
                        && Integer.toString(found.user().credentialsVersion()).equals(opened.get(3)))
                .orElseThrow(() -> stale);
        identified.accept(stored.user());
        secondFactor.verify(stored, totpCode, recoveryCode);
        linkIfNeeded(Boolean.parseBoolean(opened.get(4)), stored.user(), new OidcProvider.Identity(opened.get(5),
                opened.get(6), Optional.empty()));
        return logins.admit(stored.user());
    }

    /** Links the user to the account that proved who they are, when it is linked to no one yet. */
    private void linkIfNeeded(boolean link, User user, OidcProvider.Identity identity) {
        if (link && !store.linkOidc(user.tenant(), user.id(), identity.issuer(), identity.subject())) {
            throw noUser(); // linked to another account, or disabled, meanwhile
        }
    }

    private static ApiProblem noUser() {
        return new ApiProblem(401, "OIDC_NO_USER", "No user for this identity",
                "the provider's account signs in no enabled user here: it is linked to none, and its verified "
                        + "email address is no unlinked user's of a tenant that signs in there");
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
