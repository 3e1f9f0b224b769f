package io.travobooks.storage.jdbc;

import io.travobooks.spi.approval.ApprovalStore;
import io.travobooks.testkit.storage.ApprovalStoreContractTest;

class MariaDbApprovalStoreIT extends ApprovalStoreContractTest {
    @Override
    protected ApprovalStore store() {
        return Databases.mysql().approvalStore();
    }
}
