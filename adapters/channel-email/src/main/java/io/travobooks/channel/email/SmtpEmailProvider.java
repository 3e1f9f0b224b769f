package io.travobooks.channel.email;

import io.travobooks.spi.channel.MessageProvider;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;

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
        this.from = EmailMessages.sender(config.from());
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
        return EmailMessages.toOneRecipient(message, to -> {
            try {
                Transport.send(EmailMessages.compose(session, from, to, message));
                return new SendResult.Accepted(EmailMessages.messageId(message));
            } catch (SendFailedException e) {
                if (e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0) {
                    return new SendResult.Rejected("refused by the server: " + e.getMessage());
                }
                return new SendResult.Failed(describe(e));
            } catch (MessagingException e) {
                return new SendResult.Failed(describe(e));
            }
        });
    }

    private static String describe(MessagingException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return e.getMessage() + (cause == e ? "" : " (" + cause.getClass().getSimpleName() + ")");
    }
}
