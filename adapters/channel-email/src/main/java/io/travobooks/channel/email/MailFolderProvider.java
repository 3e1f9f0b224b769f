package io.travobooks.channel.email;

import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Properties;

/**
 * Email that is written, not sent: each message becomes one RFC 5322 file ({@code .eml}, which any mail program
 * opens) in a folder, named after our message id, so that a server without an SMTP relay still shows what it
 * would have sent. A resend of the same message replaces its file. The file appears whole or not at all: it is
 * written beside its final name and moved into place.
 */
public final class MailFolderProvider implements MessageProvider {
    private final String name;
    private final Path folder;
    private final InternetAddress from;
    /** Made on the first message: a mail session loads its providers, which a server that sends nothing skips. */
    private Session session;

    public MailFolderProvider(String name, Path folder, String from) {
        this.name = Objects.requireNonNull(name, "name");
        this.folder = Objects.requireNonNull(folder, "folder");
        this.from = EmailMessages.sender(from);
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The file a message is written to: its tenant and message id, each URL-encoded (so that no id can name a path
     * outside the folder, and two ids never share a file), separated by {@code ~}, which encoding never leaves.
     */
    public Path fileOf(OutboundMessage message) {
        return folder.resolve(encode(message.tenant().value()) + "~" + encode(message.messageId()) + ".eml");
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("*", "%2A");
    }

    private synchronized Session session() {
        if (session == null) {
            session = Session.getInstance(new Properties());
        }
        return session;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        return EmailMessages.toOneRecipient(message, to -> write(message, to));
    }

    private SendResult write(OutboundMessage message, InternetAddress to) {
        Path file = fileOf(message);
        Path partial = null;
        try {
            Files.createDirectories(folder);
            // A file of its own per write: two sends of one message at once never write into each other.
            partial = Files.createTempFile(folder, ".", ".part");
            try (OutputStream out = Files.newOutputStream(partial)) {
                EmailMessages.compose(session(), from, to, message).writeTo(out);
            }
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return new SendResult.Accepted(EmailMessages.messageId(message));
        } catch (IOException | MessagingException e) {
            deleteQuietly(partial);
            return new SendResult.Failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static void deleteQuietly(Path partial) {
        if (partial != null) {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .part file is harmless: no mail program reads it
            }
        }
    }
}
