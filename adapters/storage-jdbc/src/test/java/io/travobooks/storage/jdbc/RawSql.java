package io.travobooks.storage.jdbc;

import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Goes behind the ledger's back, as an attacker or a careless operator with database access would. */
final class RawSql {
    private static final String TRIGGERS = "db/migration/mysql/V1_1__ledger_append_only.sql";

    private RawSql() {
    }

    static void updateLineAmount(JdbcStorage storage, TenantId tenant, EntryId entry, int lineNo, long amount) {
        int changed = storage.ledgerStore().transactions().inTransaction(uow -> JdbiUnitOfWork.handleOf(uow)
                .createUpdate("UPDATE ledger_line SET amount_minor = "
                        + ":amount WHERE partner_id = :p AND line_no = :n AND seq = "
                        + "(SELECT seq FROM ledger_entry WHERE partner_id = :p AND entry_id = :e)")
                .bind("amount", amount).bind("p", tenant.value()).bind("e", entry.value()).bind("n", lineNo)
                .execute());
        if (changed != 1) {
            throw new IllegalStateException("no such line to tamper with");
        }
    }

    /** Drops the append-only triggers, runs {@code action}, and creates them again from the migration's own text. */
    static synchronized void withoutAppendOnlyTriggers(JdbcStorage storage, Runnable action) {
        List<String> creates = triggerStatements();
        execute(storage, creates.stream().map(create -> "DROP TRIGGER IF EXISTS " + create.split("\\s+")[2])
                .toList());
        try {
            action.run();
        } finally {
            execute(storage, creates);
        }
    }

    static void execute(JdbcStorage storage, List<String> statements) {
        storage.ledgerStore().transactions().inTransaction(uow -> {
            statements.forEach(JdbiUnitOfWork.handleOf(uow)::execute);
            return null;
        });
    }

    private static List<String> triggerStatements() {
        try (InputStream in = RawSql.class.getClassLoader().getResourceAsStream(TRIGGERS)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(sql.split(";"))
                    .map(statement -> statement.lines().filter(line -> !line.strip().startsWith("--"))
                            .reduce("", (a, b) -> a + "\n" + b).strip())
                    .filter(statement -> statement.startsWith("CREATE TRIGGER"))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
