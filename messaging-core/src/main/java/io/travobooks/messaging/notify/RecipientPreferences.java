package io.travobooks.messaging.notify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A recipient's choices: the categories they opted out of per channel, and their transactional channel, on which
 * critical messages reach them even when they opted out of everything.
 */
public record RecipientPreferences(Map<Channel, Set<Category>> optedOut, Channel transactionalChannel) {
    public RecipientPreferences {
        Map<Channel, Set<Category>> copy = new EnumMap<>(Channel.class);
        optedOut.forEach((channel, categories) -> copy.put(channel, categories.isEmpty()
                ? EnumSet.noneOf(Category.class) : EnumSet.copyOf(categories)));
        optedOut = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(transactionalChannel, "transactionalChannel");
    }

    /** Someone who opted out of nothing, with email as the transactional channel. */
    public static RecipientPreferences defaults() {
        return new RecipientPreferences(Map.of(), Channel.EMAIL);
    }

    public RecipientPreferences optOut(Channel channel, Category... categories) {
        Map<Channel, Set<Category>> more = new EnumMap<>(Channel.class);
        more.putAll(optedOut);
        Set<Category> set = EnumSet.noneOf(Category.class);
        set.addAll(optedOut.getOrDefault(channel, Set.of()));
        set.addAll(List.of(categories));
        more.put(channel, set);
        return new RecipientPreferences(more, transactionalChannel);
    }

    /**
     * Of the channels a notification of {@code eventType} could use, those this recipient takes it on: every
     * channel they did not opt out of for its category, and for a critical message their transactional channel
     * regardless.
     */
    public List<Channel> channelsFor(String eventType, List<Channel> offered) {
        Category category = Category.of(eventType);
        return offered.stream()
                .filter(channel -> category == Category.CRITICAL && channel == transactionalChannel
                        || !optedOut.getOrDefault(channel, Set.of()).contains(category))
                .toList();
    }
}
