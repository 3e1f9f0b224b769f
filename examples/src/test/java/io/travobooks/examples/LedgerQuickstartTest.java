package io.travobooks.examples;

import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LedgerQuickstartTest {

    private static String runOnce(JdbcStorage storage) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LedgerQuickstart.run(storage.ledgerStore(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void quickstartPrintsABalancedTrialBalanceAndIsSafeToRunTwice() {
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("quickstart"))) {
            String first = runOnce(storage);
            // docs/accounting.md: BSP payable before remittance is 67,010 (see WorkedExampleContractTest for the sum).
            assertThat(first).contains("BSP payable before remittance: 67010.00 BDT")
                    .contains("Balanced: debits = credits")
                    .contains("verify: intact")
                    .doesNotContain("NOT BALANCED");

            String second = runOnce(storage);
            assertThat(second).contains("exists already").doesNotContain("posted, seq")
                    .contains("Balanced: debits = credits");
        }
    }
}
