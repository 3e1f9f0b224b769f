package io.travobooks.testkit.coordination;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.session.Session;
import io.travobooks.spi.session.SessionStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract every {@link SessionStore} implementation passes. */
public abstract class SessionStoreContractTest extends ContractSupport {
    private static final TenantId ACME = TenantId.of("acme");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final Duration HOUR = Duration.ofHours(1);
    private SessionStore sessions;

    /** A fresh store whose sessions no other test sees. */
    protected abstract SessionStore sessionStore();

    @BeforeEach
    void openSessions() {
        sessions = track(sessionStore());
    }

    @Test
    void aSessionReadsBackWithItsAttributes() {
        Session created = sessions.create(ACME, "agent-7", Map.of("role", "admin", "locale", "bn-BD"), HOUR);

        assertThat(created.id()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(sessions.touch(created.id())).contains(created);
        assertThat(sessions.create(ACME, "agent-7", Map.of(), HOUR).id()).isNotEqualTo(created.id());
    }

    @Test
    void useKeepsASessionAliveAndIdlenessEndsIt() {
        Session session = sessions.create(ACME, "agent-7", Map.of(), Duration.ofMillis(400));
        for (int i = 0; i < 4; i++) {
            sleep(Duration.ofMillis(200));
            assertThat(sessions.touch(session.id())).as("touch %d", i + 1).isPresent();
        }

        sleep(Duration.ofMillis(700));

        assertThat(sessions.touch(session.id())).isEmpty();
    }

    @Test
    void aRevokedSessionIsGone() {
        Session session = sessions.create(ACME, "agent-7", Map.of(), HOUR);

        assertThat(sessions.revoke(session.id())).isTrue();

        assertThat(sessions.touch(session.id())).isEmpty();
        assertThat(sessions.revoke(session.id())).isFalse();
        assertThat(sessions.touch("no-such-session")).isEmpty();
    }

    @Test
    void aUsersLiveSessionsAreListedWithoutKeepingThemAlive() {
        Session a = sessions.create(ACME, "agent-7", Map.of("opened", "1"), Duration.ofMillis(600));
        Session b = sessions.create(ACME, "agent-7", Map.of("opened", "2"), HOUR);
        Session revoked = sessions.create(ACME, "agent-7", Map.of(), HOUR);
        sessions.revoke(revoked.id());
        sessions.create(ACME, "agent-8", Map.of(), HOUR);
        sessions.create(GLOBEX, "agent-7", Map.of(), HOUR);

        assertThat(sessions.sessionsOf(ACME, "agent-7")).containsExactlyInAnyOrder(a, b);
        sleep(Duration.ofMillis(350));
        assertThat(sessions.sessionsOf(ACME, "agent-7")).hasSize(2);
        sleep(Duration.ofMillis(450));
        assertThat(sessions.sessionsOf(ACME, "agent-7")).as("listing kept no session alive").containsExactly(b);
        assertThat(sessions.sessionsOf(ACME, "nobody")).isEmpty();
    }

    @Test
    void revokeAllForUserEndsThatUsersSessionsOnly() {
        Session a = sessions.create(ACME, "agent-7", Map.of(), HOUR);
        Session b = sessions.create(ACME, "agent-7", Map.of(), HOUR);
        Session c = sessions.create(ACME, "agent-7", Map.of(), HOUR);
        sessions.revoke(c.id());
        Session colleague = sessions.create(ACME, "agent-8", Map.of(), HOUR);
        Session sameNameOtherTenant = sessions.create(GLOBEX, "agent-7", Map.of(), HOUR);

        assertThat(sessions.revokeAllForUser(ACME, "agent-7")).isEqualTo(2);

        assertThat(sessions.touch(a.id())).isEmpty();
        assertThat(sessions.touch(b.id())).isEmpty();
        assertThat(sessions.touch(colleague.id())).isPresent();
        assertThat(sessions.touch(sameNameOtherTenant.id())).isPresent();
        assertThat(sessions.revokeAllForUser(ACME, "agent-7")).isZero();
    }
}
