package io.travobooks.channel.email;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes messages to a real folder and reads them back as a mail program would. */
class MailFolderProviderTest {
    private static final TenantId TENANT = TenantId.of("t1");
    private static final byte[] PDF = "%PDF-1.7 not really a ticket".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path folder;

    private static OutboundMessage message(String id, String recipient, String body) {
        return new OutboundMessage(id, TENANT, recipient, "বুকিং QWERTY-এর ই-টিকিট", body,
                List.of(new Attachment("e-ticket-QWERTY.pdf", "application/pdf", PDF)));
    }

    private static MimeMessage read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new MimeMessage(Session.getInstance(new Properties()), in);
        }
    }

    @Test
    void aMessageBecomesOneEmlFileThatAMailProgramReadsWithItsAttachment() throws Exception {
        MailFolderProvider provider = new MailFolderProvider("mail-folder", folder.resolve("mail"),
                "tickets@agency.example");
        OutboundMessage message = message("ev-1/email/cust-1", "rahim@example.com", "প্রিয় রহিম, টিকিট ইস্যু হয়েছে।");

        assertThat(provider.send(message)).isEqualTo(new SendResult.Accepted("<ev-1/email/cust-1.t1@travobooks>"));

        try (var files = Files.list(folder.resolve("mail"))) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .containsExactly("t1~ev-1%2Femail%2Fcust-1.eml");
        }
        MimeMessage written = read(provider.fileOf(message));
        assertThat(written.getSubject()).isEqualTo("বুকিং QWERTY-এর ই-টিকিট");
        assertThat(written.getAllRecipients()[0].toString()).isEqualTo("rahim@example.com");
        assertThat(written.getMessageID()).isEqualTo("<ev-1/email/cust-1.t1@travobooks>");
        Multipart parts = (Multipart) written.getContent();
        assertThat(parts.getBodyPart(0).getContent()).isEqualTo("প্রিয় রহিম, টিকিট ইস্যু হয়েছে।");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("e-ticket-QWERTY.pdf");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(PDF);
    }

    @Test
    void aResendReplacesTheFileAndABadAddressIsRejectedWithoutAFile() throws Exception {
        MailFolderProvider provider = new MailFolderProvider("mail-folder", folder, "tickets@agency.example");
        provider.send(message("m1", "rahim@example.com", "first"));
        provider.send(message("m1", "rahim@example.com", "second"));

        assertThat(((Multipart) read(provider.fileOf(message("m1", "x@y.z", ""))).getContent()).getBodyPart(0)
                .getContent()).isEqualTo("second");
        assertThat(provider.send(message("m2", "a@example.com, b@example.com", "two people")))
                .isInstanceOf(SendResult.Rejected.class);
        try (var files = Files.list(folder)) {
            assertThat(files.count()).as("m1's file only, no partial one").isEqualTo(1);
        }
    }

    @Test
    void noTenantOrMessageIdWritesOutsideTheFolderOrOverAnotherMessage() throws Exception {
        MailFolderProvider provider = new MailFolderProvider("mail-folder", folder.resolve("mail"),
                "tickets@agency.example");
        OutboundMessage climbing = new OutboundMessage("../../escaped", TenantId.of("a/../.."), "x@example.com",
                "s", "b", List.of());
        OutboundMessage slashes = new OutboundMessage("ev/email/c", TENANT, "x@example.com", "s", "slashes", List.of());
        OutboundMessage underscores = new OutboundMessage("ev_email_c", TENANT, "x@example.com", "s", "underscores",
                List.of());

        for (OutboundMessage message : List.of(climbing, slashes, underscores)) {
            assertThat(provider.send(message)).isInstanceOf(SendResult.Accepted.class);
            assertThat(provider.fileOf(message).getParent()).isEqualTo(folder.resolve("mail"));
        }
        try (var files = Files.list(folder.resolve("mail"))) {
            assertThat(files.count()).isEqualTo(3);
        }
        assertThat(((Multipart) read(provider.fileOf(slashes)).getContent()).getBodyPart(0).getContent())
                .isEqualTo("slashes");
    }
}
