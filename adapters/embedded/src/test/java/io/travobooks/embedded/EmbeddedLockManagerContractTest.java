package io.travobooks.embedded;

import io.travobooks.spi.lock.LockManager;
import io.travobooks.testkit.coordination.LockManagerContractTest;

class EmbeddedLockManagerContractTest extends LockManagerContractTest {
    @Override
    protected LockManager lockManager() {
        return new EmbeddedLockManager();
    }
}
