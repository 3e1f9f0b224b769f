package io.travobooks.server.admin;

import io.travobooks.server.auth.ApiKey;
import io.travobooks.server.auth.ApiKeys;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.http.ApiProblem;
import io.travobooks.server.http.Call;
import io.travobooks.server.http.Handler;
import io.travobooks.server.http.Reply;
import io.travobooks.server.runtime.AgencyTime;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A signed-in person's own API keys, their personal access tokens: made with some of the person's scopes, acting as
 * them, and cut back with them (a role change revokes those that can do more; disabling the person, all of them).
 * Every key the person made is theirs here, the ones made as an admin through {@code createApiKey} included. An API
 * key may not make or see them: a person's session is needed.
 */
public final class PersonalTokensApi {
    private final ApiKeys keys;
    private final AgencyTime time;

    public PersonalTokensApi(ApiKeys keys, AgencyTime time) {
        this.keys = keys;
        this.time = time;
    }

    public Map<String, Handler> handlers() {
        return Map.of(
                "listMyTokens", this::list,
                "createMyToken", this::create,
                "revokeMyToken", this::revoke);
    }

    record NewToken(String name, List<String> scopes, Optional<Instant> expiresAt) {
    }

    private Reply list(Call call) {
        Instant now = time.now();
        List<AdminApi.KeyView> mine = keys.store().liveCreatedBy(call.tenant(), person(call).principal()).stream()
                .filter(key -> key.isUsableAt(now))
                .sorted(Comparator.comparing(ApiKey::createdAt).reversed().thenComparing(ApiKey::id))
                .map(AdminApi.KeyView::of).toList();
        return Reply.ok(Map.of("items", mine));
    }

    private Reply create(Call call) {
        Caller person = person(call);
        NewToken request = call.bodyAs(NewToken.class);
        ApiKeys.Issued issued = keys.issue(call.tenant(), request.name(),
                AdminApi.grantable(call, request.scopes(), request.expiresAt(), time.now()), request.expiresAt(),
                Optional.of(person.principal()), Optional.empty());
        return Reply.created(AdminApi.CreatedKeyView.of(issued)).replayedAs(AdminApi.KeyView.of(issued.key()));
    }

    private Reply revoke(Call call) {
        String principal = person(call).principal();
        String id = call.path("key_id");
        keys.store().find(call.tenant(), id).filter(key -> key.createdBy().equals(Optional.of(principal)))
                .orElseThrow(() -> ApiProblem.notFound("API_KEY_NOT_FOUND", "no token " + id + " of yours"));
        return keys.revoke(call.tenant(), id).map(AdminApi.KeyView::of).map(Reply::ok).orElseThrow();
    }

    private static Caller person(Call call) {
        if (call.caller().kind() != Caller.Kind.USER) {
            throw ApiProblem.notASession();
        }
        return call.caller();
    }
}
