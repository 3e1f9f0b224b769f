package io.travobooks.embedded;

import io.travobooks.spi.queue.JobQueue;
import io.travobooks.spi.queue.QueueOptions;
import io.travobooks.storage.jdbc.JdbcStorage;
import io.travobooks.storage.jdbc.StorageConfig;
import io.travobooks.testkit.TestServices;
import io.travobooks.testkit.coordination.JobQueueContractTest;

import java.time.Clock;

/** The database-backed queue on the real MariaDB: a fresh database per test, dropped when the test ends. */
class EmbeddedJobQueueMariaDbIT extends JobQueueContractTest {
    @Override
    protected JobQueue jobQueue(QueueOptions options) {
        TestServices.MysqlServer server = TestServices.requireMysql();
        String url = server.createDatabase("travo_queue");
        JdbcStorage storage = JdbcStorage.open(StorageConfig.mysql(url, server.user(), server.password()));
        return TestQueues.owning(storage, options, Clock.systemUTC(), () -> server.dropDatabase(url));
    }
}
