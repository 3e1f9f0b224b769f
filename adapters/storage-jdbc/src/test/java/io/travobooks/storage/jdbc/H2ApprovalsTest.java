package io.travobooks.storage.jdbc;

import io.travobooks.spi.approval.ApprovalStore;
import io.travobooks.testkit.storage.ApprovalsContractTest;

class H2ApprovalsTest extends ApprovalsContractTest {
    @Override
    protected ApprovalStore store() {
        return Databases.h2().approvalStore();
    }
}
