package io.travobooks.spi.ratelimit;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Asking for n permits at once is the same as asking n times in a row at the same instant. */
class GcraProperties {

    @Property
    void aBatchGrantsWhatSingleStepsInARowWould(@ForAll @LongRange(min = 0, max = 10_000_000) long stored,
                                                @ForAll @LongRange(min = 0, max = 10_000_000) long now,
                                                @ForAll @IntRange(min = 1, max = 20) int burst,
                                                @ForAll @IntRange(min = 1, max = 1_000) int perSecond,
                                                @ForAll @IntRange(min = 1, max = 40) int wanted) {
        RateLimit limit = RateLimit.perSecond(perSecond, burst);
        long tat = stored;
        long granted = 0;
        RateDecision last = null;
        while (granted < wanted) {
            Gcra.Step step = Gcra.step(tat, now, limit);
            last = step.decision();
            if (!last.allowed()) {
                break;
            }
            tat = step.newTat();
            granted++;
        }

        Gcra.Batch batch = Gcra.stepUpTo(stored, now, limit, wanted);

        assertThat(batch.grant().granted()).isEqualTo(granted);
        assertThat(batch.newTat()).isEqualTo(tat);
        if (granted == wanted) {
            assertThat(batch.grant().remaining()).isEqualTo(last.remaining());
            assertThat(batch.grant().retryAfter()).isEqualTo(Duration.ZERO);
        } else {
            assertThat(batch.grant().remaining()).isZero();
            assertThat(batch.grant().retryAfter()).isEqualTo(last.retryAfter());
        }
    }
}
