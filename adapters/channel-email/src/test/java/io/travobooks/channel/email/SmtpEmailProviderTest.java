package io.travobooks.channel.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends to GreenMail, a real SMTP server in this JVM, on a free port. */
class SmtpEmailProviderTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private static final byte[] PDF = "%PDF-1.7 not really a ticket".getBytes(StandardCharsets.US_ASCII);

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private SmtpEmailProvider provider(String name, int port) {
        return new SmtpEmailProvider(SmtpEmailProvider.Config.local(name, "127.0.0.1", port,
                "tickets@agency.example"));
    }

    private static OutboundMessage message(String id, String recipient) {
        return new OutboundMessage(id, TENANT, recipient, "বুকিং QWERTY-এর ই-টিকিট", "প্রিয় রহিম, আপনার টিকিট ইস্যু হয়েছে।",
                List.of(new Attachment("e-ticket-QWERTY.pdf", "application/pdf", PDF)));
    }

    @Test
    void aBanglaMessageArrivesWithItsAttachmentAndOurMessageId() throws Exception {
        SendResult result = provider("smtp", smtp.getSmtp().getPort()).send(message("m1", "rahim@example.com"));

        assertThat(result).isEqualTo(new SendResult.Accepted("<m1.t1@travobooks>"));
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("বুকিং QWERTY-এর ই-টিকিট");
        assertThat(received.getMessageID()).isEqualTo("<m1.t1@travobooks>");
        assertThat(received.getAllRecipients()[0].toString()).isEqualTo("rahim@example.com");
        Multipart parts = (Multipart) received.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("প্রিয় রহিম, আপনার টিকিট ইস্যু হয়েছে।");
        Part attachment = parts.getBodyPart(1);
        assertThat(attachment.getFileName()).isEqualTo("e-ticket-QWERTY.pdf");
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(PDF);
    }

    @Test
    void anAddressThatDoesNotParseIsRejectedAndNothingIsSent() {
        SendResult result = provider("smtp", smtp.getSmtp().getPort()).send(message("m2", "rahim at example"));
        SendResult two = provider("smtp", smtp.getSmtp().getPort()).send(message("m3",
                "rahim@example.com, someone@else.example"));
        SendResult none = provider("smtp", smtp.getSmtp().getPort()).send(message("m4", ""));
        SendResult group = provider("smtp", smtp.getSmtp().getPort()).send(message("m5",
                "family: rahim@example.com, someone@else.example;"));

        assertThat(result).isInstanceOf(SendResult.Rejected.class);
        assertThat(two).as("a recipient is one address").isInstanceOf(SendResult.Rejected.class);
        assertThat(none).isInstanceOf(SendResult.Rejected.class);
        assertThat(group).as("a group is several addresses").isInstanceOf(SendResult.Rejected.class);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aRelayThatIsDownFailsAndTheChainFallsBackToTheNextOne() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort(); // free now, so nothing listens there
        }
        ProviderChain chain = new ProviderChain(List.of(provider("smtp-primary", closed),
                provider("smtp-backup", smtp.getSmtp().getPort())));

        ProviderChain.Attempts outcome = chain.send(message("m3", "karim@example.com"));

        assertThat(outcome.attempts().getFirst().result()).isInstanceOf(SendResult.Failed.class);
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.provider()).isEqualTo("smtp-backup");
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }
}
