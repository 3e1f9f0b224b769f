package io.travobooks.server.users;

import io.travobooks.identity.PasswordHashing;
import io.travobooks.server.auth.Sha256;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.spi.ratelimit.RateDecision;
import io.travobooks.spi.ratelimit.RateLimit;
import io.travobooks.spi.ratelimit.RateLimiter;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Signing in with an email address and a password, and a second factor for those who have one. Attempts are
 * throttled per account and per address (every attempt counts, right or wrong, so that the throttle is decided
 * before the password is looked at); an unknown address, a wrong password and a disabled user get the same answer
 * after the same work, one Argon2id verification.
 */
public final class Logins {
    /** Per account: ten attempts, then one more every two minutes (so never eleven within a minute). */
    public static final RateLimit PER_ACCOUNT = new RateLimit(10, 1, Duration.ofMinutes(2));

    private final UserStore store;
    private final PasswordHashing hashing;
    private final Sessions sessions;
    private final RateLimiter limiter;
    private final RateLimit perAddress;
    private final SecondFactor secondFactor;

    public Logins(UserStore store, PasswordHashing hashing, Sessions sessions, RateLimiter limiter,
                  int attemptsPerAddressPerMinute, SecondFactor secondFactor) {
        this.store = store;
        this.secondFactor = secondFactor;
        this.hashing = hashing;
        this.sessions = sessions;
        this.limiter = limiter;
        this.perAddress = new RateLimit(attemptsPerAddressPerMinute, attemptsPerAddressPerMinute,
                Duration.ofMinutes(1));
    }

    /**
     * A signed-in user and their new session; {@code secondFactorMissing}: their role must have a second factor they
     * have not set up, and the session serves only to set it up.
     */
    public record SignedIn(User user, Sessions.Opened session, boolean secondFactorMissing) {
    }

    /** What a person types to sign in: a TOTP code or a recovery code too when they have a second factor. */
    public record Offered(String email, String password, Optional<String> totpCode, Optional<String> recoveryCode) {
        @Override
        public String toString() {
            return "Offered[email=" + email + "]";
        }
    }

    public SignedIn signIn(Offered offered, String fromAddress) {
        String email = offered.email();
        String password = offered.password();
        String account = Users.normalizedEmail(email);
        attempt(account, fromAddress);
        Optional<UserStore.WithPassword> found = store.findByEmail(account);
        if (found.isEmpty()) {
            hashing.verifyNobody(password);
            throw wrong();
        }
        User user = found.get().user();
        PasswordHashing.Verification verified = hashing.verify(password, found.get().passwordHash());
        if (!verified.matches() || user.disabled()) {
            throw wrong();
        }
        if (user.mfaEnrolled()) {
            secondFactor.verify(found.get(), offered.totpCode(), offered.recoveryCode());
        }
        if (verified.needsRehash()) {
            store.rehash(user.tenant(), user.id(), found.get().passwordHash(), hashing.hash(password));
        }
        return admit(user);
    }

    /** A session for a user who proved who they are; it holds no scope while a second factor they need is missing. */
    SignedIn admit(User user) {
        return new SignedIn(user, sessions.open(user), store.secondFactorMissing(user));
    }

    /**
     * Counts an attempt at an account's password (signing in, or proving it to change it): the address's first, so
     * that an address past its budget no longer drains the account's; throws the 429 when either is spent.
     */
    public void attempt(String account, String fromAddress) {
        attemptFrom(fromAddress);
        attemptAt(account);
    }

    /** Counts a sign-in attempt from an address, before it is known whose account it aims at. */
    public void attemptFrom(String fromAddress) {
        throttle(limiter.tryAcquire("login:address:" + fromAddress, perAddress));
    }

    /** Counts an attempt at an account's second factor or password, once the address's has been counted. */
    public void attemptAt(String account) {
        // The account's key is a hash: the limiter's store need not hold people's addresses.
        throttle(limiter.tryAcquire("login:account:" + Sha256.hex(Users.normalizedEmail(account)), PER_ACCOUNT));
    }

    private static void throttle(RateDecision decision) {
        if (!decision.allowed()) {
            throw ApiProblem.throttled("SIGN_IN_THROTTLED", "Too many sign-in attempts",
                    "too many attempts at this account's password or from this address", decision.retryAfter(),
                    Map.of());
        }
    }

    private static ApiProblem wrong() {
        return new ApiProblem(401, "INVALID_CREDENTIALS", "Invalid credentials",
                "the email address or the password is wrong");
    }
}
