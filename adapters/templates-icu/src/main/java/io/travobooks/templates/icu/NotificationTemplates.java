package io.travobooks.templates.icu;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
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
        return render(eventType, channel, locale, arguments, Optional.empty());
    }

    /** As {@link #render(String, String, ULocale, Map)}, writing dates and times as they are in {@code zone}. */
    public Optional<Rendered> render(String eventType, String channel, ULocale locale, Map<String, Object> arguments,
                                     ZoneId zone) {
        return render(eventType, channel, locale, arguments, Optional.of(zone));
    }

    private Optional<Rendered> render(String eventType, String channel, ULocale locale, Map<String, Object> arguments,
                                      Optional<ZoneId> zone) {
        Objects.requireNonNull(arguments, "arguments");
        return localized(eventType, channel, locale).map(template -> new Rendered(
                template.format("subject", arguments, zone), template.format("body", arguments, zone),
                template.locale(), template.rightToLeft()));
    }

    /**
     * The template of {@code eventType} on {@code channel} for {@code locale} (or its fallback), whose parts are
     * formatted one by one: for documents with repeated rows, such as the e-ticket's segments and taxes.
     */
    public Optional<Localized> localized(String eventType, String channel, ULocale locale) {
        Objects.requireNonNull(locale, "locale");
        for (ULocale candidate : chain(locale)) {
            Optional<Properties> template = template(channel, eventType, candidate);
            if (template.isPresent()) {
                // Formatting in the requested locale (bn-BD's digits and money), with the template found.
                ULocale formatting = candidate.equals(LAST_RESORT) && !locale.getLanguage().equals("en")
                        ? candidate : locale;
                return Optional.of(new Localized(template.get(), candidate, formatting));
            }
        }
        return Optional.empty();
    }

    /** A template found for a locale: its parts, formatted in the locale asked for. */
    public static final class Localized {
        private final Properties parts;
        private final ULocale locale;
        private final ULocale formatting;

        private Localized(Properties parts, ULocale locale, ULocale formatting) {
            this.parts = parts;
            this.locale = locale;
            this.formatting = formatting;
        }

        /** The locale whose template this is. */
        public ULocale locale() {
            return locale;
        }

        public boolean rightToLeft() {
            return locale.isRightToLeft();
        }

        /** Formats the part {@code key} with the named {@code arguments}. */
        public String format(String key, Map<String, Object> arguments) {
            return format(key, arguments, Optional.empty());
        }

        /** As {@link #format(String, Map)}; dates and times as they are in {@code zone}, when given. */
        String format(String key, Map<String, Object> arguments, Optional<ZoneId> zone) {
            String pattern = parts.getProperty(key);
            if (pattern == null) {
                throw new IllegalStateException("the " + locale + " template has no " + key);
            }
            MessageFormat format = new MessageFormat(pattern, formatting);
            zone.ifPresent(z -> {
                TimeZone timeZone = TimeZone.getTimeZone(z.getId());
                for (Format part : format.getFormats()) {
                    if (part instanceof DateFormat date) {
                        date.setTimeZone(timeZone);
                    }
                }
            });
            return format.format(arguments);
        }

        /** An amount of {@code currencyCode}, with the locale's digits, grouping and currency sign. */
        public String money(BigDecimal amount, String currencyCode) {
            NumberFormat format = NumberFormat.getCurrencyInstance(formatting);
            format.setCurrency(Currency.getInstance(currencyCode));
            return format.format(amount);
        }

        /** A wall-clock date and time as written where it happens (a departure), without zone conversion. */
        public String dateTime(LocalDateTime local) {
            DateFormat format = DateFormat.getDateTimeInstance(DateFormat.MEDIUM, DateFormat.SHORT, formatting);
            format.setTimeZone(TimeZone.GMT_ZONE);
            return format.format(Date.from(local.toInstant(ZoneOffset.UTC)));
        }

        /** The day of {@code at} in {@code zone}, written out (for example 2 April 2026). */
        public String date(Instant at, ZoneId zone) {
            DateFormat format = DateFormat.getDateInstance(DateFormat.LONG, formatting);
            format.setTimeZone(TimeZone.getTimeZone(zone.getId()));
            return format.format(Date.from(at));
        }
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
}
