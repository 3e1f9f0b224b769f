package io.travobooks.server.users;

import io.travobooks.identity.PasswordHashing;
import io.travobooks.identity.PasswordPolicy;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.SecretBox;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.server.http.Handler;
import io.travobooks.server.runtime.AgencyTime;
import io.travobooks.server.runtime.Backends;
import io.travobooks.server.runtime.Lazy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The people side of a server, wired from its backends: users, their sign-ins and sessions, and their routes. */
public record People(Users users, Logins logins, Sessions sessions, UsersApi api, RolesApi roles) {
    public static People open(Backends backends, ServerConfig config, AgencyTime time, ApiKeys keys,
                              SecretBox box) {
        UserStore store = new UserStore(backends.database());
        Sessions sessions = new Sessions(backends.coordination().sessions(), backends.coordination().hotCache(),
                (tenant, id) -> store.find(tenant, id).map(user -> new Sessions.UserStanding(user,
                        store.secondFactorMissing(user))),
                time.clock(), Sessions.Timeouts.DEFAULT);
        PasswordHashing hashing = new PasswordHashing(PasswordHashing.Cost.OWASP_MINIMUM);
        // The decoy hash of unknown users is made once; made now, off the start's path, the first unknown user's
        // answer takes as long as any.
        Thread.ofVirtual().name("password-decoy").start(() -> hashing.verifyNobody(""));
        Users users = new Users(store, hashing, Lazy.of(PasswordPolicy::new), sessions, keys, time.clock());
        SecondFactor secondFactor = new SecondFactor(store, box, sessions, time.clock());
        Logins logins = new Logins(store, hashing, sessions, backends.coordination().rateLimiter(),
                config.authFailuresPerMinute(), secondFactor);
        Optional<OidcSignIns> oidc = config.security().oidc().map(provider -> new OidcSignIns(
                new OidcProvider(provider, time.clock()), provider::admits, box, store, logins, secondFactor,
                time.clock()));
        TenantRoles roles = new TenantRoles(backends.database(), backends.coordination().hotCache(), time.clock());
        return new People(users, logins, sessions, new UsersApi(users, logins, sessions, secondFactor, oidc, roles),
                new RolesApi(roles, users));
    }

    /** The routes of people, their sign-ins and their roles. */
    public Map<String, Handler> handlers() {
        Map<String, Handler> handlers = new HashMap<>(api.handlers());
        handlers.putAll(roles.handlers());
        return handlers;
    }
}
