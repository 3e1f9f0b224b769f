package io.travobooks.examples;

import io.travobooks.messaging.webhook.WebhookSignature;
import io.travobooks.spi.channel.MessageRecord;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quickstart end to end: the email GreenMail received carries the e-ticket PDF, whose text (read back by
 * PDFBox) holds the ticket number and the passenger's Latin name, and the webhook verifies with the endpoint's
 * secret and names the booking.
 */
class MessagingQuickstartTest {

    @Test
    void anIssuedTicketReachesTheCustomerByEmailWithItsETicketAndTheBackOfficeByASignedWebhook()
            throws Exception {
        try (JdbcStorage storage = JdbcStorage.open(StorageConfig.h2Memory("messaging-quickstart"))) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            MessagingQuickstart.Delivered delivered = MessagingQuickstart.run(storage,
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            String ticket = delivered.booking().documents().getFirst().number();

            assertThat(delivered.email().getAllRecipients()[0].toString()).isEqualTo("rahim.uddin@example.com");
            assertThat(delivered.email().getSubject()).contains(delivered.booking().pnr()).contains("ই-টিকিট");
            Part attachment = ((Multipart) delivered.email().getContent()).getBodyPart(1);
            assertThat(attachment.getFileName()).isEqualTo("e-ticket-" + delivered.booking().pnr() + ".pdf");
            try (PDDocument pdf = Loader.loadPDF(attachment.getInputStream().readAllBytes())) {
                assertThat(new PDFTextStripper().getText(pdf)).contains(ticket, "UDDIN/RAHIM", "টিকিট");
            }
            assertThat(delivered.messages()).singleElement().satisfies(message -> {
                assertThat(message.status()).isEqualTo(MessageRecord.Status.SENT);
                assertThat(message.recipient()).isEqualTo("rahim.uddin@example.com");
            });

            assertThat(WebhookSignature.verify(List.of(delivered.secret()), delivered.webhook().headers(),
                    delivered.webhook().body(), Instant.now(), Duration.ofMinutes(5))).isEmpty();
            assertThat(new String(delivered.webhook().body(), StandardCharsets.UTF_8))
                    .contains("\"type\":\"booking.issued\"").contains(ticket);
            assertThat(output.toString(StandardCharsets.UTF_8)).contains("verified with the endpoint's secret");
        }
    }
}
