package io.travobooks.examples;

import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BookingQuickstartTest {

    @Test
    void theFlowIssuesVoidsAndRefundsWithTheDomainFigures() {
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("booking-quickstart"))) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BookingQuickstart.run(storage, new PrintStream(bytes, true, StandardCharsets.UTF_8));
            String output = bytes.toString(StandardCharsets.UTF_8);

            assertThat(output).containsPattern("void +VOIDED").containsPattern("refund confirm +REFUNDED")
                    .contains("1762").contains("[VOID]").contains("[REFUNDED]");
            // the void nets to zero; the refund is the worked example's: 51,200 - 46,550 on BSP, 2,800 - 2,450 commission
            assertThat(output).contains("2100  4650.00 BDT").contains("4100  350.00 BDT")
                    .contains("2250  48425.00 BDT").contains("4310  500.00 BDT").contains("2300  225.00 BDT")
                    .contains("1100  55150.00 BDT");
            assertThat(output).contains("booking.issued").contains("booking.voided").contains("booking.refunded");
        }
    }
}
