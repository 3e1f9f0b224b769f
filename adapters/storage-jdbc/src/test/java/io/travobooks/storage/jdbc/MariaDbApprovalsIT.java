package io.travobooks.storage.jdbc;

import io.travobooks.spi.approval.ApprovalStore;
import io.travobooks.testkit.storage.ApprovalsContractTest;

class MariaDbApprovalsIT extends ApprovalsContractTest {
    @Override
    protected ApprovalStore store() {
        return Databases.mysql().approvalStore();
    }
}
