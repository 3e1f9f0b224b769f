package io.travobooks.storage.jdbc;

import io.travobooks.spi.approval.ApprovalStore;
import io.travobooks.testkit.storage.ApprovalStoreContractTest;

class H2ApprovalStoreTest extends ApprovalStoreContractTest {
    @Override
    protected ApprovalStore store() {
        return Databases.h2().approvalStore();
    }
}
