package io.travobooks.server.users;

import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Role;
import io.travobooks.server.auth.Scope;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.FieldError;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Page;
import io.travobooks.server.http.Reply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's roles: the built-in ones, and those it makes for itself. No one makes or changes a role to hold, or
 * to have held, a scope they lack themselves: a role is handed out, so that would hand out more than they have.
 */
public final class RolesApi {
    private final TenantRoles roles;
    private final Users users;

    public RolesApi(TenantRoles roles, Users users) {
        this.roles = roles;
        this.users = users;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listRoles", call -> Reply.ok(Page.ofSorted(roles.list(call.tenant()), call, Role::value,
                        RoleView::of)),
                "getRole", call -> Reply.ok(RoleView.of(roles.find(call.tenant(), call.path("role"))
                        .orElseThrow(() -> notFound(call.path("role"))))),
                "putRole", this::putRole,
                "deleteRole", this::deleteRole);
    }

    public record RoleView(String name, List<String> scopes, boolean builtIn) {
        static RoleView of(Role role) {
            return new RoleView(role.value(), role.scopes().stream().map(Scope::value).sorted().toList(),
                    role.isBuiltIn());
        }
    }

    record RoleScopes(List<String> scopes) {
    }

    private Reply putRole(Call call) {
        String name = changeable(call);
        Set<Scope> scopes = new HashSet<>();
        List<FieldError> beyond = new ArrayList<>();
        List<String> named = call.bodyAs(RoleScopes.class).scopes();
        for (int i = 0; i < named.size(); i++) {
            Scope scope = Scope.of(named.get(i)); // the contract admits scope names only
            if (!Scope.WITHIN_TENANT.contains(scope)) {
                beyond.add(new FieldError("/scopes/" + i, "is not a scope within a tenant"));
            }
            scopes.add(scope);
        }
        if (!beyond.isEmpty()) {
            throw new ApiProblem(422, "ROLE_SCOPE_NOT_ALLOWED", "Scope not for a role",
                    "a tenant's role holds scopes within the tenant only", beyond, Map.of());
        }
        Role role = Role.custom(name, scopes);
        Caller caller = call.caller();
        refuseBeyond(caller, role);
        Optional<Role> before = roles.put(call.tenant(), role, stored -> stored.ifPresent(old -> refuseBeyond(caller,
                old)));
        call.audit().put("before", before.map(RoleView::of).map(RoleView::scopes).orElse(null))
                .put("after", RoleView.of(role).scopes());
        // Its holders follow now; should this fail part way, the same request again finishes it.
        before.ifPresent(old -> users.roleChanged(call.tenant(), role));
        return before.isPresent() ? Reply.ok(RoleView.of(role)) : Reply.created(RoleView.of(role));
    }

    private Reply deleteRole(Call call) {
        String name = changeable(call);
        Caller caller = call.caller();
        if (!roles.delete(call.tenant(), name, role -> {
            refuseBeyond(caller, role);
            call.audit().put("before", RoleView.of(role).scopes());
        })) {
            throw notFound(name);
        }
        return Reply.noContent();
    }

    /** No one hands out, through a role, a scope they lack. */
    private static void refuseBeyond(Caller caller, Role role) {
        caller.lacking(role.scopes()).ifPresent(scope -> {
            throw ApiProblem.forbidden(scope.value());
        });
    }

    /**
     * The role the path names, when the caller may change it: not a built-in one, and not their own (as no one
     * changes their own role).
     */
    private static String changeable(Call call) {
        String name = call.path("role");
        if (Role.parse(name).isPresent()) {
            throw ApiProblem.conflict("ROLE_BUILT_IN", "the built-in role " + name + " cannot be changed or deleted; "
                    + "make a role of the tenant's own");
        }
        if (call.caller().role().map(Role::value).filter(name::equals).isPresent()) {
            throw new ApiProblem(403, "ROLE_SELF_CHANGE", "Not your own role",
                    "the role a user holds is changed by a user who does not hold it");
        }
        return name;
    }

    private static ApiProblem notFound(String name) {
        return ApiProblem.notFound("ROLE_NOT_FOUND", "role " + name);
    }
}
