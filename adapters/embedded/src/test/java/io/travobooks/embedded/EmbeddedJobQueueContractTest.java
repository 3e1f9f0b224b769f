package io.travobooks.embedded;

import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.testkit.coordination.JobQueueContractTest;

import java.time.Clock;

/** The queue on H2 in memory, a fresh database per test. */
class EmbeddedJobQueueContractTest extends JobQueueContractTest {
    @Override
    protected JobQueue jobQueue(QueueOptions options) {
        return TestQueues.owning(JdbcStorage.open(TestQueues.freshMemoryDatabase()), options, Clock.systemUTC());
    }
}
