package io.travobooks.embedded;

import io.travobooks.spi.session.SessionStore;
import io.travobooks.testkit.coordination.SessionStoreContractTest;

class EmbeddedSessionStoreContractTest extends SessionStoreContractTest {
    @Override
    protected SessionStore sessionStore() {
        return new EmbeddedSessionStore();
    }
}
