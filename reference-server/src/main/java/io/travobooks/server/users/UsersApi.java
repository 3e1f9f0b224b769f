package io.travobooks.server.users;

import io.travobooks.server.audit.AuditRecord;
import io.travobooks.server.auth.Bearer;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Role;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A tenant's people, signing in and out, and a user's own password and second factor. */
public final class UsersApi {
    private final Users users;
    private final Logins logins;
    private final Sessions sessions;
    private final SecondFactor secondFactor;
    private final Optional<OidcSignIns> oidc;
    private final TenantRoles roles;

    public UsersApi(Users users, Logins logins, Sessions sessions, SecondFactor secondFactor,
                    Optional<OidcSignIns> oidc, TenantRoles roles) {
        this.users = users;
        this.logins = logins;
        this.sessions = sessions;
        this.secondFactor = secondFactor;
        this.oidc = oidc;
        this.roles = roles;
    }

    public Map<String, Handler> handlers() {
        return Map.ofEntries(
                Map.entry("listUsers", this::listUsers),
                Map.entry("createUser", this::createUser),
                Map.entry("getUser", this::getUser),
                Map.entry("setUserRole", this::setUserRole),
                Map.entry("disableUser", call -> Reply.ok(UserView.of(users.disable(changeable(call))))),
                Map.entry("enableUser", call -> Reply.ok(UserView.of(users.enable(changeable(call))))),
                Map.entry("resetUserMfa", this::resetUserMfa),
                Map.entry("unlinkUserOidc", this::unlinkUserOidc),
                Map.entry("getMfaPolicy", call -> Reply.ok(MfaPolicy.of(users.store().mfaRoles(call.tenant())))),
                Map.entry("setMfaPolicy", this::setMfaPolicy),
                Map.entry("changeMyPassword", this::changeMyPassword),
                Map.entry("startTotpSetup", call -> Reply.created(secondFactor.start(me(call)))),
                Map.entry("confirmTotpSetup", this::confirmTotpSetup),
                Map.entry("removeMyTotp", this::removeMyTotp),
                Map.entry("createSession", this::createSession),
                Map.entry("startOidcSignIn", call -> Reply.created(oidc().start())),
                Map.entry("createOidcSession", this::createOidcSession),
                Map.entry("deleteCurrentSession", this::deleteCurrentSession),
                Map.entry("listMySessions", call -> Reply.ok(Map.of("items", sessions.sessionsOf(me(call),
                        call.header("Authorization").flatMap(Bearer::token))))),
                Map.entry("endMySession", this::endMySession));
    }

    public record UserView(String id, String email, String name, String role, Instant createdAt,
                           Optional<Instant> disabledAt, boolean mfaEnrolled) {
        static UserView of(User user) {
            return new UserView(user.id(), user.email(), user.name(), user.role().value(), user.createdAt(),
                    user.disabledAt(), user.mfaEnrolled());
        }
    }

    /** A new session: the only answer that holds its token. */
    public record SessionView(String token, Instant expiresAt, String tenant, UserView user,
                              boolean mfaSetupRequired) {
        @Override
        public String toString() {
            return "SessionView[expiresAt=" + expiresAt + ", user=" + user.id() + "]";
        }
    }

    record NewUser(String email, String name, String role, String password) {
        @Override
        public String toString() {
            return "NewUser[email=" + email + ", role=" + role + "]";
        }
    }

    record RoleChange(String role) {
    }

    /** The roles that must sign in with a second factor. */
    record MfaPolicy(List<String> roles) {
        static MfaPolicy of(Set<String> roles) {
            return new MfaPolicy(roles.stream().sorted().toList());
        }
    }

    record TotpCode(String code) {
    }

    record RecoveryCodesView(List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "RecoveryCodesView[not shown]";
        }
    }

    record PasswordProof(String password) {
        @Override
        public String toString() {
            return "PasswordProof[]";
        }
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    record SignIn(String email, String password, Optional<String> totpCode, Optional<String> recoveryCode) {
        @Override
        public String toString() {
            return "SignIn[email=" + email + "]";
        }
    }

    record OidcSignIn(Optional<String> code, Optional<String> state, Optional<String> binding,
                      Optional<String> signInTicket, Optional<String> totpCode, Optional<String> recoveryCode) {
        @Override
        public String toString() {
            return "OidcSignIn[]";
        }
    }

    /** A first step that a second factor must finish: the only answer that holds the ticket. */
    record SecondFactorTicket(String signInTicket, Instant expiresAt) {
        @Override
        public String toString() {
            return "SecondFactorTicket[expiresAt=" + expiresAt + "]";
        }
    }

    private Reply listUsers(Call call) {
        int limit = Page.limit(call);
        Optional<UserStore.Position> after = Page.timeAndId(call).map(p -> new UserStore.Position(p.at(), p.id()));
        List<User> rows = users.store().list(call.tenant(), after, limit + 1);
        return Reply.ok(Page.of(rows, limit, user -> Page.TimeAndId.of(user.createdAt(), user.id()), UserView::of));
    }

    private Reply createUser(Call call) {
        NewUser request = call.bodyAs(NewUser.class);
        Role role = grantable(call.caller(), request.role(), "/role");
        call.audit().put("email", request.email()).put("role", role.value());
        return Reply.created(UserView.of(users.add(call.tenant(), request.email(), request.name(), role,
                request.password())));
    }

    private Reply getUser(Call call) {
        return Reply.ok(UserView.of(users.find(call.tenant(), call.path("user_id"))));
    }

    private Reply setUserRole(Call call) {
        Role role = grantable(call.caller(), call.bodyAs(RoleChange.class).role(), "/role");
        User target = changeable(call);
        call.audit().put("before", target.role().value()).put("after", role.value());
        return Reply.ok(UserView.of(users.setRole(target, role)));
    }

    /** A caller hands out no role that can do more than the caller can. */
    private Role grantable(Caller caller, String value, String field) {
        Role role = roles.require(caller.tenant(), value, field);
        caller.lacking(role.scopes()).ifPresent(beyond -> {
            throw ApiProblem.forbidden(beyond.value());
        });
        return role;
    }

    /**
     * The user the path names, when the caller may change their role or standing: not themselves (an owner cannot
     * lock the tenant out by mistake, nor anyone lift their own standing), and no one who can do more than the
     * caller (an admin changes no owner).
     */
    private User changeable(Call call) {
        Caller caller = call.caller();
        User target = users.find(caller.tenant(), call.path("user_id"));
        if (caller.kind() == Caller.Kind.USER && caller.id().equals(target.id())) {
            throw new ApiProblem(403, "USER_SELF_CHANGE", "Not on yourself",
                    "a user's role and standing are changed by another user");
        }
        caller.lacking(target.role().scopes()).ifPresent(beyond -> {
            throw ApiProblem.forbidden(beyond.value());
        });
        return target;
    }

    /**
     * Ends a user's link to their account at the identity provider (lost, or taken by someone else), and every
     * session of theirs.
     */
    private Reply unlinkUserOidc(Call call) {
        User target = changeable(call);
        call.audit().put("before", users.store().oidcAccount(target.tenant(), target.id()).orElse(null));
        return Reply.ok(UserView.of(users.unlinkOidc(target)));
    }

    private Reply setMfaPolicy(Call call) {
        List<String> named = call.bodyAs(MfaPolicy.class).roles();
        List<Role> policy = new ArrayList<>();
        for (int i = 0; i < named.size(); i++) {
            policy.add(roles.require(call.tenant(), named.get(i), "/roles/" + i));
        }
        MfaPolicy after = MfaPolicy.of(policy.stream().map(Role::value).collect(Collectors.toSet()));
        call.audit().put("before", MfaPolicy.of(users.store().mfaRoles(call.tenant())).roles())
                .put("after", after.roles());
        users.store().setMfaRoles(call.tenant(), policy);
        // Open sessions lose or keep their scopes from their next request; keys made by who lost them are revoked.
        call.audit().put("keys_revoked", users.standingsChanged(call.tenant()));
        return Reply.ok(after);
    }

    /** The signed-in person making the call. */
    private User me(Call call) {
        Caller caller = call.caller();
        if (caller.kind() != Caller.Kind.USER) {
            throw ApiProblem.notASession();
        }
        return users.find(caller.tenant(), caller.id());
    }

    private Reply confirmTotpSetup(Call call) {
        User me = me(call);
        return Reply.ok(new RecoveryCodesView(secondFactor.confirm(me, call.bodyAs(TotpCode.class).code())));
    }

    private Reply resetUserMfa(Call call) {
        User changed = secondFactor.remove(changeable(call));
        call.audit().put("keys_revoked", users.keysFollow(changed));
        return Reply.ok(UserView.of(changed));
    }

    /** Removing one's second factor takes the password (throttled as signing in is). */
    private Reply removeMyTotp(Call call) {
        User me = me(call);
        logins.attempt(me.email(), call.remoteAddress());
        users.requirePassword(me, call.bodyAs(PasswordProof.class).password(), "/password");
        call.audit().put("keys_revoked", users.keysFollow(secondFactor.remove(me)));
        return Reply.noContent();
    }

    private Reply changeMyPassword(Call call) {
        Caller caller = call.caller();
        if (caller.kind() != Caller.Kind.USER) {
            throw ApiProblem.notASession();
        }
        PasswordChange request = call.bodyAs(PasswordChange.class);
        // Proving the current password is an attempt at it, throttled as signing in is.
        logins.attempt(users.find(caller.tenant(), caller.id()).email(), call.remoteAddress());
        users.changePassword(caller.tenant(), caller.id(), request.currentPassword(), request.newPassword());
        return Reply.noContent();
    }

    private Reply createSession(Call call) {
        SignIn request = call.bodyAs(SignIn.class);
        String email = Users.normalizedEmail(request.email());
        call.audit().put("email", email);
        Logins.SignedIn signedIn;
        try {
            signedIn = logins.signIn(new Logins.Offered(email, request.password(), request.totpCode(),
                    request.recoveryCode()), call.remoteAddress());
        } catch (ApiProblem refused) {
            // A refused attempt goes to the chain of the account it aimed at, or to that of no tenant; a throttled
            // one to the latter too, so that no one without a password can fill a tenant's log.
            Optional<User> aimedAt = refused.status() == 429 ? Optional.empty()
                    : users.store().findByEmail(email).map(UserStore.WithPassword::user);
            call.audit().as(aimedAt.map(user -> user.tenant().value()).orElse(AuditRecord.NO_TENANT), "anonymous");
            throw refused;
        }
        return signedIn(call, signedIn);
    }

    /**
     * Finishes a sign-in at the identity provider: with its code and state, or, for a user with a second factor,
     * with the ticket the first step answered and a code.
     */
    private Reply createOidcSession(Call call) {
        OidcSignIn request = call.bodyAs(OidcSignIn.class);
        OidcSignIns signIns = oidc();
        // Refusals before the user is known go to the chain of no tenant; after, to the user's.
        call.audit().as(AuditRecord.NO_TENANT, "anonymous").put("via", "oidc");
        Consumer<User> identified = user -> call.audit().as(user.tenant().value(), actor(user));
        if (request.signInTicket().isPresent()) {
            if (request.code().isPresent() || request.state().isPresent()) {
                throw ApiProblem.invalid("/sign_in_ticket", "goes without code and state");
            }
            return signedIn(call, signIns.finish(request.signInTicket().get(), request.totpCode(),
                    request.recoveryCode(), call.remoteAddress(), identified));
        }
        for (var required : List.of(Map.entry("/code", request.code()), Map.entry("/state", request.state()),
                Map.entry("/binding", request.binding()))) {
            if (required.getValue().isEmpty()) {
                throw ApiProblem.invalid(required.getKey(), "is required without a sign_in_ticket");
            }
        }
        return switch (signIns.finish(request.code().get(), request.state().get(), request.binding().get(),
                call.remoteAddress(), identified)) {
            case OidcSignIns.SignedIn done -> signedIn(call, done.signedIn());
            case OidcSignIns.SecondFactorNeeded needed -> Reply.of(202, new SecondFactorTicket(needed.ticket(),
                    needed.expiresAt()));
        };
    }

    private OidcSignIns oidc() {
        return oidc.orElseThrow(() -> ApiProblem.notFound("OIDC_NOT_CONFIGURED",
                "signing in through an identity provider (this server has none configured)"));
    }

    /** The answer to a sign-in, attributed in the audit log to the user who signed in. */
    private static Reply signedIn(Call call, Logins.SignedIn signedIn) {
        User user = signedIn.user();
        call.audit().as(user.tenant().value(), actor(user));
        return Reply.created(new SessionView(signedIn.session().token(), signedIn.session().expiresAt(),
                user.tenant().value(), UserView.of(user), signedIn.secondFactorMissing()));
    }

    private static String actor(User user) {
        return Caller.user(user.tenant(), user.id(), user.role()).actor();
    }

    private Reply deleteCurrentSession(Call call) {
        if (call.caller().kind() != Caller.Kind.USER) {
            throw ApiProblem.notASession();
        }
        call.header("Authorization").flatMap(Bearer::token).ifPresent(sessions::close);
        return Reply.noContent();
    }

    private Reply endMySession(Call call) {
        if (!sessions.end(me(call), call.path("session_id"))) {
            throw ApiProblem.notFound("SESSION_NOT_FOUND", "no session " + call.path("session_id"));
        }
        return Reply.noContent();
    }
}
