package io.travobooks.templates.icu;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Notification templates per (event type, channel, locale), written as ICU MessageFormat patterns (plurals,
 * selects, locale-aware numbers, money and dates) in UTF-8 properties files on the classpath:
 * {@code /io/travobooks/templates/<channel>/<event type>_<locale>.properties} with a {@code subject} and a
 * {@code body}. A locale without its own translation falls back along its chain, for example
 * {@code bn-BD -> bn -> en}. English, Bangla, Hindi and Arabic are shipped for the booking events.
 */
public final class NotificationTemplates {
    private static final String ROOT = "/io/travobooks/templates/";
    private static final ULocale LAST_RESORT = ULocale.ENGLISH;

    /** A rendered message, in the locale whose template was used, and whether that script runs right to left. */
    public record Rendered(String subject, String body, ULocale locale, boolean rightToLeft) {
    }

    private final Map<String, Optional<Properties>> loaded = new ConcurrentHashMap<>();

    /**
     * Renders the template of {@code eventType} on {@code channel} for {@code locale} (or its fallback) with the
     * named {@code arguments}; empty when no locale of the chain has one.
     */
    public Optional<Rendered> render(String eventType, String channel, ULocale locale, Map<String, Object> arguments) {
        Objects.requireNonNull(arguments, "arguments");
        for (ULocale candidate : chain(locale)) {
            Optional<Properties> template = template(channel, eventType, candidate);
            if (template.isPresent()) {
                // Formatting in the requested locale (bn-BD's digits and money), with the template found.
                ULocale formatting = candidate.equals(LAST_RESORT) && !locale.getLanguage().equals("en")
                        ? candidate : locale;
                return Optional.of(new Rendered(format(template.get(), "subject", formatting, arguments),
                        format(template.get(), "body", formatting, arguments), candidate,
                        candidate.isRightToLeft()));
            }
        }
        return Optional.empty();
    }

    /** {@code bn-BD} -> {@code bn} -> {@code en}: the locale, its parents, then English. */
    static List<ULocale> chain(ULocale locale) {
        List<ULocale> chain = new ArrayList<>();
        for (ULocale current = locale; current != null && !current.equals(ULocale.ROOT);
             current = current.getFallback()) {
            chain.add(current);
        }
        if (!chain.contains(LAST_RESORT)) {
            chain.add(LAST_RESORT);
        }
        return chain;
    }

    private Optional<Properties> template(String channel, String eventType, ULocale locale) {
        String resource = ROOT + channel + "/" + eventType + "_" + locale.toLanguageTag() + ".properties";
        return loaded.computeIfAbsent(resource, name -> {
            try (InputStream in = NotificationTemplates.class.getResourceAsStream(name)) {
                if (in == null) {
                    return Optional.empty();
                }
                Properties properties = new Properties();
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                return Optional.of(properties);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read template " + name, e);
            }
        });
    }

    private static String format(Properties template, String part, ULocale locale, Map<String, Object> arguments) {
        String pattern = template.getProperty(part);
        if (pattern == null) {
            throw new IllegalStateException("a template has no " + part);
        }
        return new MessageFormat(pattern, locale).format(arguments);
    }
}
