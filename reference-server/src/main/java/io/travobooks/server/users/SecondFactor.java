package io.travobooks.server.users;

import io.travobooks.identity.RecoveryCodes;
import io.travobooks.identity.Totp;
import io.travobooks.identity.TotpEnrolment;
import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.FieldError;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * People's second factor: a TOTP app (RFC 6238: 6 digits, 30 s, one step either way, each code once) and ten
 * single-use recovery codes. Setting it up takes two steps, so that a secret is in use only once an app has shown
 * it can make codes from it; setting it up or removing it ends the user's sessions.
 */
public final class SecondFactor {
    private static final String ISSUER = "travoBooks";

    private final UserStore store;
    private final SecretBox box;
    private final Sessions sessions;
    private final Clock clock;

    public SecondFactor(UserStore store, SecretBox box, Sessions sessions, Clock clock) {
        this.store = store;
        this.box = box;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** A secret to scan (the otpauth URI) or type (the Base32 text); shown once. */
    public record Started(String otpauthUri, String secret) {
        @Override
        public String toString() {
            return "Started[not shown]";
        }
    }

    public Started start(User user) {
        if (user.mfaEnrolled()) {
            // Replacing a factor would take only a session; removing it takes the password first.
            throw ApiProblem.conflict("MFA_ALREADY_ON", "this user has an authenticator app; remove it first "
                    + "(POST /v1/me/mfa/totp/remove, with the password)");
        }
        TotpEnrolment enrolment = TotpEnrolment.create(Totp.STANDARD, ISSUER, user.email());
        store.setPendingTotp(user.tenant(), user.id(), box.seal(enrolment.secret(), context(user)));
        String secret = URI.create(enrolment.uri()).getRawQuery().split("&")[0].substring("secret=".length());
        return new Started(enrolment.uri(), secret);
    }

    /** The first code from the app turns the secret on; answers the recovery codes (shown once). */
    public List<String> confirm(User user, String code) {
        String sealed = store.pendingTotp(user.tenant(), user.id()).orElseThrow(() -> ApiProblem.conflict(
                "MFA_NOT_STARTED", "start setting up a second factor first (POST /v1/me/mfa/totp)"));
        OptionalLong step = Totp.STANDARD.match(box.open(sealed, context(user)), code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw wrongCode(422, "/code"); // the session is fine: the code is what was wrong
        }
        List<String> codes = RecoveryCodes.generate();
        User changed = store.confirmTotp(user.tenant(), user.id(), sealed, step.getAsLong(),
                codes.stream().map(RecoveryCodes::hash).toList()).orElseThrow(() -> ApiProblem.conflict(
                "MFA_NOT_STARTED", "the setup was restarted meanwhile; confirm with a code of the new secret"));
        sessions.userChanged(changed, true);
        return codes;
    }

    public User remove(User user) {
        User changed = store.removeTotp(user.tenant(), user.id()).orElseThrow(() -> ApiProblem.notFound(
                "USER_NOT_FOUND", "no user " + user.id()));
        sessions.userChanged(changed, true);
        return changed;
    }

    /**
     * At sign-in, for a user with a second factor: a TOTP code not used before, or an unused recovery code (which
     * is then used up). Throws the 401 that says which is missing or wrong.
     */
    void verify(UserStore.WithPassword stored, Optional<String> totpCode, Optional<String> recoveryCode) {
        User user = stored.user();
        if (recoveryCode.isPresent()) {
            Optional<String> hash = RecoveryCodes.match(recoveryCode.get(),
                    store.recoveryCodeHashes(user.tenant(), user.id()));
            if (hash.isEmpty() || !store.takeRecoveryCode(user.tenant(), user.id(), hash.get())) {
                throw wrongCode(401, "/recovery_code");
            }
            return;
        }
        if (totpCode.isEmpty()) {
            throw new ApiProblem(401, "MFA_REQUIRED", "Second factor needed",
                    "this user signs in with a code from their authenticator app (totp_code) or a recovery code");
        }
        OptionalLong step = Totp.STANDARD.match(box.open(stored.sealedTotp().orElseThrow(), context(user)),
                totpCode.get(),
                clock.instant(), stored.lastTotpStep());
        if (step.isEmpty() || !store.takeTotpStep(user.tenant(), user.id(), step.getAsLong())) {
            throw wrongCode(401, "/totp_code");
        }
    }

    /** Whose secret it is: a sealed secret opens for its own user only. */
    private static String context(User user) {
        return "totp:" + user.tenant().value() + ":" + user.id();
    }

    private static ApiProblem wrongCode(int status, String field) {
        return new ApiProblem(status, "MFA_CODE_INVALID", "Code not accepted",
                "the code is wrong, expired or already used", List.of(new FieldError(field,
                "is wrong, expired or already used")), Map.of());
    }
}
