package io.travobooks.server.users;

import io.travobooks.embedded.EmbeddedHotCache;
import io.travobooks.embedded.EmbeddedPubSub;
import io.travobooks.embedded.EmbeddedSessionStore;
import io.travobooks.server.auth.Caller;
import io.travobooks.server.auth.Role;
import io.travobooks.spi.TenantId;
import io.travobooks.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeouts of sessions, on the embedded session store and hot cache with a clock the test moves. */
class SessionsTest {
    private static final TenantId TENANT = TenantId.of("agency-a");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T09:00:00Z"));
    private final Map<String, User> users = new HashMap<>();
    private final Sessions sessions = new Sessions(new EmbeddedSessionStore(clock),
            new EmbeddedHotCache(new EmbeddedPubSub(), clock), (tenant, id) -> Optional.ofNullable(users.get(id))
                    .map(user -> new Sessions.UserStanding(user, false)),
            clock, new Sessions.Timeouts(Duration.ofMinutes(30), Duration.ofHours(12)));

    private User user(Role role) {
        User user = new User("usr_000000000001", TENANT, "nadia@example.com", "Nadia", role, 1, clock.instant(),
                Optional.empty(), false);
        users.put(user.id(), user);
        return user;
    }

    @Test
    void aSessionInUseLivesUntilItsAbsoluteTimeoutAndNotASecondLonger() {
        String token = sessions.open(user(Role.ACCOUNTANT)).token();
        for (int minutes = 0; minutes <= 12 * 60 - 20; minutes += 20) { // used every 20 minutes, up to 20:40
            assertThat(sessions.authenticate(token)).as("after %d minutes", minutes).map(Caller::id)
                    .contains("usr_000000000001");
            clock.advance(Duration.ofMinutes(20));
        }
        clock.set(Instant.parse("2026-12-06T20:59:59Z"));
        assertThat(sessions.authenticate(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.authenticate(token)).isEmpty();
    }

    @Test
    void aSessionUnusedForTheIdleTimeoutEnds() {
        String token = sessions.open(user(Role.VIEWER)).token();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.authenticate(token)).isPresent();
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.authenticate(token)).isEmpty();
    }

    @Test
    void aSessionCarriesTheUsersRoleAsItIsNow() {
        User viewer = user(Role.VIEWER);
        String token = sessions.open(viewer).token();
        assertThat(sessions.authenticate(token).orElseThrow().role()).contains(Role.VIEWER);
        User promoted = new User(viewer.id(), TENANT, viewer.email(), viewer.name(), Role.OWNER, 1,
                viewer.createdAt(), Optional.empty(), false);
        users.put(viewer.id(), promoted);
        sessions.userChanged(promoted, false);
        assertThat(sessions.authenticate(token).orElseThrow().scopes()).isEqualTo(Role.OWNER.scopes());
    }

    @Test
    void tokensThatAreNotThisServersStandForNoOne() {
        String token = sessions.open(user(Role.VIEWER)).token();
        assertThat(sessions.authenticate(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(sessions.authenticate("tbs_" + "A".repeat(43) + "." + "b".repeat(22))).isEmpty();
        assertThat(sessions.authenticate("tb_not-a-session")).isEmpty();
        assertThat(sessions.close(token.replace('.', '-'))).isFalse();
        assertThat(sessions.authenticate(token)).isPresent();
    }

    @Test
    void aSessionsIdWithAnotherSecretIsNoSessionAndCannotSignItOut() {
        String token = sessions.open(user(Role.VIEWER)).token();
        String id = token.substring(0, token.indexOf('.') + 1);
        String guessed = id + "0".repeat(22);
        assertThat(guessed).isNotEqualTo(token).hasSameSizeAs(token);
        assertThat(sessions.authenticate(guessed)).isEmpty();
        assertThat(sessions.close(guessed)).isFalse();
        assertThat(sessions.authenticate(token)).isPresent();
    }
}
