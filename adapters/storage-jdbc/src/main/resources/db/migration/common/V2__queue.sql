-- The durable job queue (JdbiQueueStore), in the SQL subset shared by MySQL 8, MariaDB 10.11 and H2 (MySQL mode).
-- Queues are infrastructure, not tenant data: no partner_id here; a payload names its tenant if it has one.

-- One row per queue: the last message id handed out. An append increments it and keeps the row locked until its
-- transaction ends, so ids become visible in commit order and a group's cursor never skips a late commit.
CREATE TABLE queue_head (
    queue_name VARCHAR(64) NOT NULL,
    last_id    BIGINT      NOT NULL,
    PRIMARY KEY (queue_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The retained history of every queue, clustered in id order: reading what a group has not seen is a range scan.
CREATE TABLE queue_message (
    queue_name  VARCHAR(64) NOT NULL,
    id          BIGINT      NOT NULL,
    payload     MEDIUMTEXT  NOT NULL,
    appended_at DATETIME(6) NOT NULL,
    PRIMARY KEY (queue_name, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Messages waiting for their due time; moving one deletes it here and appends it to queue_message in one
-- transaction.
CREATE TABLE queue_delayed (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    queue_name VARCHAR(64) NOT NULL,
    due_at     DATETIME(6) NOT NULL,
    payload    MEDIUMTEXT  NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_queue_delayed_due ON queue_delayed (queue_name, due_at, id);

-- A consumer group's cursor: every message with a larger id is new to the group. Claims lock this row.
CREATE TABLE queue_group (
    queue_name VARCHAR(64) NOT NULL,
    group_name VARCHAR(64) NOT NULL,
    last_id    BIGINT      NOT NULL,
    PRIMARY KEY (queue_name, group_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Delivered and not yet acknowledged, per group; the row goes on ack or dead-lettering.
CREATE TABLE queue_pending (
    queue_name VARCHAR(64)  NOT NULL,
    group_name VARCHAR(64)  NOT NULL,
    message_id BIGINT       NOT NULL,
    consumer   VARCHAR(128) NOT NULL,
    deliveries INT          NOT NULL,
    claimed_at DATETIME(6)  NOT NULL,
    PRIMARY KEY (queue_name, group_name, message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_queue_pending_claimed ON queue_pending (queue_name, group_name, claimed_at, message_id);

-- Messages a group gave up on, with a copy of the payload so that trimming the history keeps them readable.
CREATE TABLE queue_dead_letter (
    queue_name VARCHAR(64) NOT NULL,
    group_name VARCHAR(64) NOT NULL,
    message_id BIGINT      NOT NULL,
    payload    MEDIUMTEXT  NOT NULL,
    deliveries INT         NOT NULL,
    dead_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (queue_name, group_name, message_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE INDEX ix_queue_dead_letter_at ON queue_dead_letter (queue_name, dead_at, message_id);
