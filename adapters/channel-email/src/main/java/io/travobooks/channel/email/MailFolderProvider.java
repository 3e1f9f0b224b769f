package io.travobooks.channel.email;

import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.io.OutputStream;
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

    /** The file a message is written to. */
    public Path fileOf(OutboundMessage message) {
        return folder.resolve(message.tenant().value() + "_" + message.messageId().replaceAll("[^A-Za-z0-9._-]", "_")
                + ".eml");
    }

    private synchronized Session session() {
        if (session == null) {
            session = Session.getInstance(new Properties());
        }
        return session;
    }

    @Override
    public SendResult send(OutboundMessage message) {
        InternetAddress to;
        switch (EmailMessages.recipient(message)) {
            case EmailMessages.Recipient.One one -> to = one.address();
            case EmailMessages.Recipient.Refused refused -> {
                return new SendResult.Rejected(refused.reason());
            }
        }
        Path file = fileOf(message);
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.createDirectories(folder);
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
            return new SendResult.Failed("cannot write " + file + ": " + e.getMessage());
        }
    }
}
