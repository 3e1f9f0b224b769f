package io.travobooks.channel.email;

import io.travobooks.spi.channel.Attachment;
import io.travobooks.spi.channel.OutboundMessage;
import io.travobooks.spi.channel.SendResult;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * How an outbound message becomes an email, whichever way it leaves: a UTF-8 text body and the message's
 * attachments, to exactly one recipient, with a {@code Message-ID} derived from our message id so that a resend
 * carries the same id.
 */
final class EmailMessages {
    private EmailMessages() {
    }

    /**
     * Sends the message with {@code send} to its one recipient; rejected, without calling {@code send}, when it has
     * not exactly one address.
     */
    static SendResult toOneRecipient(OutboundMessage message, Function<InternetAddress, SendResult> send) {
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
        return send.apply(to[0]);
    }

    static InternetAddress sender(String from) {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("not a sender address: " + from, e);
        }
    }

    static String messageId(OutboundMessage message) {
        return "<" + message.messageId() + "." + message.tenant().value() + "@travobooks>";
    }

    static MimeMessage compose(Session session, InternetAddress from, InternetAddress to, OutboundMessage message)
            throws MessagingException {
        MimeMessage mime = new StableIdMessage(session, messageId(message));
        mime.setFrom(from);
        mime.setRecipients(Message.RecipientType.TO, new InternetAddress[] {to});
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
        mime.saveChanges();
        return mime;
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
