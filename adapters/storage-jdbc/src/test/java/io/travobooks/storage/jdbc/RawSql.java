package io.travobooks.storage.jdbc;

import io.travobooks.spi.AccountId;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.TenantId;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    static void rewriteMetadata(JdbcStorage storage, TenantId tenant, EntryId entry, String json) {
        int changed = storage.ledgerStore().transactions().inTransaction(uow -> JdbiUnitOfWork.handleOf(uow)
                .createUpdate("UPDATE ledger_entry SET metadata = :json WHERE partner_id = :p AND entry_id = :e")
                .bind("json", json).bind("p", tenant.value()).bind("e", entry.value()).execute());
        if (changed != 1) {
            throw new IllegalStateException("no such entry to tamper with");
        }
    }

    /** Deletes the newest entries with their lines and chain links; the chain head and tenant row stay. */
    static void deleteNewestEntries(JdbcStorage storage, TenantId tenant, int count) {
        storage.ledgerStore().transactions().inTransaction(uow -> {
            Handle handle = JdbiUnitOfWork.handleOf(uow);
            List<Long> seqs = handle.createQuery("SELECT seq FROM ledger_entry WHERE partner_id = :p "
                            + "ORDER BY seq DESC LIMIT :n")
                    .bind("p", tenant.value()).bind("n", count).mapTo(Long.class).list();
            for (String table : List.of("ledger_line", "ledger_chain_link", "ledger_entry")) {
                handle.createUpdate("DELETE FROM " + table + " WHERE partner_id = :p AND seq IN (<seqs>)")
                        .bind("p", tenant.value()).bindList("seqs", seqs).execute();
            }
            return null;
        });
    }

    /** Adds to an account's stored posted debit: its running total, or its total of {@code day} when given. */
    static void inflateStoredDebit(JdbcStorage storage, TenantId tenant, AccountId account, long minor,
                                   Optional<LocalDate> day) {
        storage.ledgerStore().transactions().inTransaction(uow -> {
            Handle handle = JdbiUnitOfWork.handleOf(uow);
            if (day.isEmpty()) {
                return handle.createUpdate("UPDATE ledger_balance SET posted_debit = posted_debit + :m "
                                + "WHERE partner_id = :p AND account_code = :a AND currency = 'BDT'")
                        .bind("m", minor).bind("p", tenant.value()).bind("a", account.value()).execute();
            }
            return handle.createUpdate("INSERT INTO ledger_daily_total (partner_id, account_code, currency, "
                            + "effective_date, debit, credit) VALUES (:p, :a, 'BDT', :d, :m, 0) "
                            + "ON DUPLICATE KEY UPDATE debit = debit + VALUES(debit)")
                    .bind("m", minor).bind("p", tenant.value()).bind("a", account.value()).bind("d", day.get())
                    .execute();
        });
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
