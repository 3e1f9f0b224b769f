package io.travobooks.server.messaging;

import io.travobooks.channel.email.MailFolderProvider;
import io.travobooks.channel.email.SmtpEmailProvider;
import io.travobooks.channel.http.HttpMessageProvider;
import io.travobooks.messaging.notify.Channel;
import io.travobooks.messaging.notify.ProviderChain;
import io.travobooks.server.config.ServerConfig;
import io.travobooks.spi.channel.MessageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channels a server sends on, from its settings, each with a log line saying how: email always (to the SMTP
 * relay, or else into the mail folder), SMS and WhatsApp once a provider is configured; and the secrets those
 * providers sign their delivery callbacks with.
 */
final class MessageChannels {
    private static final Logger LOG = LoggerFactory.getLogger(MessageChannels.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private MessageChannels() {
    }

    static Map<Channel, ProviderChain> open(ServerConfig.Messaging config) {
        Map<Channel, ProviderChain> channels = new LinkedHashMap<>();
        MessageProvider email = config.smtp().<MessageProvider>map(smtp -> {
            LOG.info("email: through the SMTP relay {}:{}", smtp.host(), smtp.port());
            return new SmtpEmailProvider(new SmtpEmailProvider.Config("smtp", smtp.host(), smtp.port(), smtp.from(),
                    smtp.user(), smtp.password(), smtp.user().isPresent(), TIMEOUT));
        }).orElseGet(() -> {
            LOG.info("email: written to {} as .eml files (no SMTP relay configured)", config.mailDir());
            return new MailFolderProvider("mail-folder", config.mailDir(), "notifications@travobooks.invalid");
        });
        channels.put(Channel.EMAIL, new ProviderChain(List.of(email)));
        http(channels, Channel.SMS, "sms", config.sms());
        http(channels, Channel.WHATSAPP, "whatsapp", config.whatsapp());
        return channels;
    }

    /** Each configured provider's callback secret, by the provider name its messages are recorded under. */
    static Map<String, String> callbackSecrets(ServerConfig.Messaging config) {
        Map<String, String> secrets = new LinkedHashMap<>();
        config.sms().flatMap(ServerConfig.HttpProvider::callbackSecret).ifPresent(s -> secrets.put("sms", s));
        config.whatsapp().flatMap(ServerConfig.HttpProvider::callbackSecret).ifPresent(s -> secrets.put("whatsapp", s));
        return secrets;
    }

    private static void http(Map<Channel, ProviderChain> channels, Channel channel, String name,
                             Optional<ServerConfig.HttpProvider> provider) {
        provider.ifPresentOrElse(p -> {
            LOG.info("{}: through {}", name, p.url().getHost());
            channels.put(channel, new ProviderChain(List.of(new HttpMessageProvider(new HttpMessageProvider.Config(
                    name, p.url(), p.token(), TIMEOUT)))));
        }, () -> LOG.info("{}: off until a provider is configured", name));
    }
}
