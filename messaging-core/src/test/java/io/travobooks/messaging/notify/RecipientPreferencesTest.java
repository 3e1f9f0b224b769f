package io.travobooks.messaging.notify;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientPreferencesTest {
    private static final List<Channel> ALL = List.of(Channel.EMAIL, Channel.SMS, Channel.WHATSAPP, Channel.IN_APP);

    @Test
    void nothingOptedOutTakesEveryChannel() {
        assertThat(RecipientPreferences.defaults().channelsFor("booking.held", ALL)).isEqualTo(ALL);
    }

    @Test
    void anOptOutDropsItsCategoryOnItsChannelOnly() {
        RecipientPreferences prefs = RecipientPreferences.defaults().optOut(Channel.SMS, Category.BOOKING_UPDATES);

        assertThat(prefs.channelsFor("booking.held", ALL))
                .containsExactly(Channel.EMAIL, Channel.WHATSAPP, Channel.IN_APP);
        assertThat(prefs.channelsFor("promo.summer", ALL)).isEqualTo(ALL);
    }

    @Test
    void criticalMessagesBypassOptOutsOnTheTransactionalChannelOnly() {
        RecipientPreferences silent = RecipientPreferences.defaults();
        for (Channel channel : ALL) {
            silent = silent.optOut(channel, Category.values());
        }

        assertThat(silent.channelsFor("booking.issued", ALL)).containsExactly(Channel.EMAIL);
        assertThat(silent.channelsFor("booking.refunded", ALL)).containsExactly(Channel.EMAIL);
        assertThat(silent.channelsFor("booking.held", ALL)).isEmpty();
        RecipientPreferences onWhatsApp = new RecipientPreferences(silent.optedOut(), Channel.WHATSAPP);
        assertThat(onWhatsApp.channelsFor("booking.issued", ALL)).containsExactly(Channel.WHATSAPP);
        assertThat(onWhatsApp.channelsFor("booking.issued", List.of(Channel.SMS))).as("not offered there")
                .isEmpty();
    }

    @Test
    void eventsFallIntoCategories() {
        assertThat(Category.of("booking.issued")).isEqualTo(Category.CRITICAL);
        assertThat(Category.of("booking.partially_refunded")).isEqualTo(Category.CRITICAL);
        assertThat(Category.of("booking.voided")).isEqualTo(Category.BOOKING_UPDATES);
        assertThat(Category.of("newsletter.sent")).isEqualTo(Category.MARKETING);
    }
}
