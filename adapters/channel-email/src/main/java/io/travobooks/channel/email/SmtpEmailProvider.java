package io.travobooks.channel.email;

import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Email over SMTP through Jakarta Mail (Eclipse Angus): a UTF-8 text body and the message's attachments, from the
 * configured sender. The SMTP {@code Message-ID} is derived from our message id, so a resend of the same message
 * carries the same id and the receiving side can tell it is one message. An address that does not parse, or that
 * the server refuses, is a rejection; a server that cannot be reached or answers with an error is a failure, for
 * the next provider of the chain.
 */
public final class SmtpEmailProvider implements MessageProvider {

    /**
     * Where and how to send.
     *
     * @param startTls require STARTTLS before authenticating (a relay on the internet); off for a local relay
     */
    public record Config(String name, String host, int port, String from, Optional<String> username,
                         Optional<String> password, boolean startTls, Duration timeout) {
        public Config {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(timeout, "timeout");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("an SMTP port is 1 to 65535, got " + port);
            }
        }

        /** A relay without authentication or TLS, such as a local MTA or a test server. */
        public static Config local(String name, String host, int port, String from) {
            return new Config(name, host, port, from, Optional.empty(), Optional.empty(), false,
                    Duration.ofSeconds(10));
        }
    }

    private final Config config;
    private final Session session;
    private final InternetAddress from;

    public SmtpEmailProvider(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a sender address: " + config.from(), e);
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", config.host());
        properties.put("mail.smtp.port", Integer.toString(config.port()));
        String millis = Long.toString(config.timeout().toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.starttls.enable", Boolean.toString(config.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(config.startTls()));
        properties.put("mail.smtp.auth", Boolean.toString(config.username().isPresent()));
        properties.put("mail.mime.charset", "UTF-8");
        properties.put("mail.mime.encodefilename", "true");
        Authenticator authenticator = config.username().isEmpty() ? null : new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(config.username().get(), config.password().orElse(""));
            }
        };
        this.session = Session.getInstance(properties, authenticator);
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        InternetAddress[] to;
        try {
            to = InternetAddress.parse(message.recipient(), true);
        } catch (AddressException e) {
            return new SendResult.Rejected("not an email address: " + message.recipient());
        }
        if (to.length != 1 || to[0].isGroup()) {
            // A recipient is one person: "a@x, b@y" would send one customer's e-ticket to someone else too.
            return new SendResult.Rejected("not one email address: " + message.recipient());
        }
        String messageId = "<" + message.messageId() + "." + message.tenant().value() + "@travobooks>";
        try {
            MimeMessage mime = new StableIdMessage(session, messageId);
            mime.setFrom(from);
            mime.setRecipients(Message.RecipientType.TO, to);
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            MimeMultipart parts = new MimeMultipart();
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.body(), StandardCharsets.UTF_8.name());
            parts.addBodyPart(text);
            for (Attachment attachment : message.attachments()) {
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.content(),
                        attachment.contentType())));
                file.setFileName(attachment.fileName());
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                parts.addBodyPart(file);
            }
            mime.setContent(parts);
            Transport.send(mime);
            return new SendResult.Accepted(messageId);
        } catch (SendFailedException e) {
            if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                return new SendResult.Rejected("refused by the server: " + e.getMessage());
            }
            return new SendResult.Failed(describe(e));
        } catch (MessagingException e) {
            return new SendResult.Failed(describe(e));
        }
    }

    private static String describe(MessagingException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return e.getMessage() + (cause == e ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }

    /** A message whose Message-ID is ours, not a fresh one per save. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
