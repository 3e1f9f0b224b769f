package io.travobooks.ledger;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.Outcome;
import io.travobooks.spi.Rejection;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PostResultTest {
    private static final EntryId ID = EntryId.of("e1");

    @Test
    void anEntryThatExistsAsAskedIsOkAndEveryOtherResultARefusalWithItsCode() {
        PostResult posted = new PostResult.Posted(ID, 7, Instant.EPOCH);
        PostResult replayed = new PostResult.AlreadyPosted(ID, 7, Instant.EPOCH);

        assertThat(posted.toOutcome()).isEqualTo(Outcome.ok(posted));
        assertThat(replayed.toOutcome()).isEqualTo(Outcome.ok(replayed));
        assertThat(new PostResult.Conflict(ID, "lines").toOutcome()).isInstanceOfSatisfying(Outcome.Refused.class,
                refused -> {
                    assertThat(refused.rejection().code()).isEqualTo(LedgerErrorCode.LEDGER_ID_CONFLICT);
                    assertThat(refused.rejection().detail()).contains("lines");
                });
        Rejection closed = new Rejection(LedgerErrorCode.LEDGER_PERIOD_CLOSED, "March is closed");
        assertThat(new PostResult.Rejected(ID, closed).toOutcome()).isEqualTo(new Outcome.Refused<>(closed));
    }
}
