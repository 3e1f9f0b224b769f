package io.travobooks.server.users;

import io.travobooks.identity.PasswordHashing;
import io.travobooks.identity.PasswordPolicy;
import io.travobooks.server.auth.ApiKeySecret;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.FieldError;
import io.travobooks.spi.Rejection;
import io.travobooks.spi.TenantId;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A tenant's people: added with a role and a password that the password rules accept, their role changed,
 * disabled and enabled, their password changed. A change that ends their standing or credentials ends their
 * sessions and revokes the API keys they made; a new role revokes those of their keys that can do more.
 */
public final class Users {
    private static final int PAGE = 500;
    private final UserStore store;
    private final PasswordHashing hashing;
    private final Supplier<PasswordPolicy> policy;
    private final Sessions sessions;
    private final ApiKeys keys;
    private final Clock clock;

    /** @param policy made when a password is first judged: its word lists cost a start time and memory */
    public Users(UserStore store, PasswordHashing hashing, Supplier<PasswordPolicy> policy, Sessions sessions,
                 ApiKeys keys, Clock clock) {
        this.store = store;
        this.hashing = hashing;
        this.policy = policy;
        this.sessions = sessions;
        this.keys = keys;
        this.clock = clock;
    }

    /** Email addresses are compared as lower case: people type them either way. */
    public static String normalizedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    public User add(TenantId tenant, String email, String name, Role role, String password) {
        String address = normalizedEmail(email);
        requireAcceptablePassword(password, "/password", List.of(address, name, tenant.value()));
        User user = new User("usr_" + ApiKeySecret.randomBase62(12), tenant, address, name.strip(), role, 1,
                clock.instant(), Optional.empty(), false);
        if (!store.insert(user, hashing.hash(password))) {
            throw ApiProblem.conflict("USER_EMAIL_TAKEN", "another user signs in with " + address);
        }
        return user;
    }

    /**
     * Every user of the tenant is read afresh by every node, and their keys follow (the tenant's second-factor policy
     * changed); answers how many keys were revoked. A revoked key stays revoked when the policy is taken back.
     */
    public int standingsChanged(TenantId tenant) {
        int[] revoked = {0};
        forEachUser(tenant, user -> {
            sessions.userChanged(user, false);
            revoked[0] += keysFollow(user);
        });
        return revoked[0];
    }

    /**
     * The keys the user made lose what the user may no longer do: all of it while their role needs a second factor
     * they do not have (a policy that now asks for one, an app removed), as their sessions; answers how many.
     */
    public int keysFollow(User user) {
        return keys.revokeBeyond(user.tenant(), actor(user), scopesNow(user.tenant(), user.id()));
    }

    /**
     * A role of the tenant's own has new scopes: its holders' sessions apply them from their next request, and
     * their keys lose what the role no longer has.
     */
    public void roleChanged(TenantId tenant, Role role) {
        forEachUser(tenant, user -> {
            if (user.role().equals(role)) {
                follow(user);
            }
        });
    }

    private void forEachUser(TenantId tenant, Consumer<User> action) {
        Optional<UserStore.Position> after = Optional.empty();
        while (true) {
            List<User> page = store.list(tenant, after, PAGE);
            page.forEach(action);
            if (page.size() < PAGE) {
                return;
            }
            User last = page.getLast();
            after = Optional.of(new UserStore.Position(last.createdAt(), last.id()));
        }
    }

    /**
     * What the user may do now: their role's scopes; none when disabled or gone, or when their role must have a
     * second factor they have not set up (as their sessions).
     */
    public Set<Scope> scopesNow(TenantId tenant, String id) {
        return store.find(tenant, id).filter(user -> !user.disabled())
                .filter(user -> !store.secondFactorMissing(user))
                .map(user -> user.role().scopes()).orElse(Set.of());
    }

    public User find(TenantId tenant, String id) {
        return store.find(tenant, id).orElseThrow(() -> notFound(id));
    }

    /** A new role: it applies to the user's sessions at once, and their keys lose what the role no longer has. */
    public User setRole(User user, Role role) {
        User changed = store.setRole(user.tenant(), user.id(), role).orElseThrow(() -> notFound(user.id()));
        follow(changed);
        return changed;
    }

    /**
     * The user's sessions take their role's scopes from their next request; their keys lose what the user may not do
     * now (all of it when the role needs a second factor they lack).
     */
    private void follow(User user) {
        sessions.userChanged(user, false);
        keysFollow(user);
    }

    /** Ends the user's sessions and revokes the keys they made. */
    public User disable(User user) {
        User changed = store.disable(user.tenant(), user.id(), clock.instant()).orElseThrow(() -> notFound(user.id()));
        sessions.userChanged(changed, true);
        keys.revokeBeyond(user.tenant(), actor(user), Set.of());
        return changed;
    }

    /** Ends the user's link to an identity provider's account, with every session they have. */
    public User unlinkOidc(User user) {
        User changed = store.unlinkOidc(user.tenant(), user.id()).orElseThrow(() -> notFound(user.id()));
        sessions.userChanged(changed, true);
        return changed;
    }

    public User enable(User user) {
        User changed = store.enable(user.tenant(), user.id()).orElseThrow(() -> notFound(user.id()));
        sessions.userChanged(changed, false);
        return changed;
    }

    private static String actor(User user) {
        return Caller.user(user.tenant(), user.id(), user.role()).actor();
    }

    /** Refuses (422, naming {@code field}) a password that is not the user's: one Argon2id verification. */
    public void requirePassword(User user, String password, String field) {
        String stored = store.findByEmail(user.email()).orElseThrow(() -> notFound(user.id())).passwordHash();
        if (!hashing.verify(password, stored).matches()) {
            throw new ApiProblem(422, "CURRENT_PASSWORD_WRONG", "Current password wrong",
                    "the password is not this user's", List.of(new FieldError(field, "is not this user's password")),
                    Map.of());
        }
    }

    /** A user's own change of password, which ends every session of theirs (this one too). */
    public void changePassword(TenantId tenant, String id, String current, String replacement) {
        User user = find(tenant, id);
        requirePassword(user, current, "/current_password");
        requireAcceptablePassword(replacement, "/new_password", List.of(user.email(), user.name(), tenant.value()));
        User changed = store.setPassword(tenant, id, hashing.hash(replacement)).orElseThrow(() -> notFound(id));
        sessions.userChanged(changed, true);
        keys.revokeBeyond(tenant, actor(changed), Set.of()); // keys made with a session someone may have stolen
    }

    /**
     * Refuses, as a 422 problem naming {@code field}, a password the rules do not accept; {@code knownToAttacker}
     * are words the password must not be built from (the address, the name, the tenant).
     */
    public void requireAcceptablePassword(String password, String field, List<String> knownToAttacker) {
        Optional<Rejection> refused = policy.get().check(password, knownToAttacker);
        if (refused.isPresent()) {
            Rejection rejection = refused.get();
            throw new ApiProblem(422, rejection.code().name(), "Password refused", rejection.detail(),
                    List.of(new FieldError(field, rejection.detail())), Map.of());
        }
    }

    public UserStore store() {
        return store;
    }

    private static ApiProblem notFound(String id) {
        return ApiProblem.notFound("USER_NOT_FOUND", "no user " + id);
    }
}
