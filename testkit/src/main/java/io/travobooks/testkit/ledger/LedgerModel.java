package io.travobooks.testkit.ledger;

import io.travobooks.ledger.LedgerErrorCode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately simple model of one tenant's ledger in one currency, written from the rules in the issue rather
 * than from the implementation: what each request should come to, and what the balances should then be.
 */
final class LedgerModel {
    /** An account of the small chart the properties use. */
    record ModelAccount(String code, boolean debitNormal, boolean noNegative) {
    }

    static final List<ModelAccount> ACCOUNTS = List.of(
            new ModelAccount("1000", true, false),
            new ModelAccount("1250", true, true),     // a wallet that must not go negative
            new ModelAccount("1100", true, false),
            new ModelAccount("2100", false, false),
            new ModelAccount("4300", false, false),
            new ModelAccount("5100", true, false),
            new ModelAccount("1990", true, false));   // the account the properties close

    static ModelAccount account(String code) {
        return ACCOUNTS.stream().filter(a -> a.code().equals(code)).findFirst().orElseThrow();
    }

    /** A line as the model sees it. */
    record Line(String account, boolean debit, long amount) {
    }

    enum Kind { STANDARD, PENDING, POST_PENDING, VOID_PENDING, REVERSAL }

    /**
     * What a request asked for: the content an idempotent replay must repeat. A resolution's {@code date} is null
     * when it takes the pending entry's; {@code expiring} marks a pending entry whose expiry has passed.
     */
    record Request(Kind kind, LocalDate date, List<Line> lines, String reference, Map<String, String> metadata,
                   boolean expiring) {
        Request(Kind kind, LocalDate date, List<Line> lines, String reference) {
            this(kind, date, lines, reference, Map.of(), false);
        }
    }

    /** Callers' ids may not start with this: the ledger keeps the space for the entries it posts itself. */
    static final String SYSTEM_PREFIX = "sys:";

    /** What the model expects a request to come to. */
    sealed interface Expected {
        record Posted() implements Expected {
        }

        record AlreadyPosted() implements Expected {
        }

        record Conflict() implements Expected {
        }

        record Rejected(LedgerErrorCode code) implements Expected {
        }
    }

    final Map<String, long[]> posted = new HashMap<>();   // account -> {debit, credit}
    final Map<String, long[]> pending = new HashMap<>();
    final Map<String, Request> entries = new HashMap<>();  // what was stored, by id
    final Map<String, List<Line>> stored = new HashMap<>(); // the lines as stored, by id
    final Set<String> referenced = new HashSet<>();
    final Set<String> closedAccounts = new HashSet<>();
    Optional<LocalDate> closedThrough = Optional.empty();

    Expected apply(String id, Request request) {
        if (id.startsWith(SYSTEM_PREFIX)) {
            return new Expected.Rejected(LedgerErrorCode.LEDGER_ID_RESERVED);
        }
        Request earlier = entries.get(id);
        if (earlier != null) {
            return earlier.equals(request) ? new Expected.AlreadyPosted() : new Expected.Conflict();
        }
        Optional<LedgerErrorCode> refused = refusal(request);
        if (refused.isPresent()) {
            return new Expected.Rejected(refused.get());
        }
        List<Line> lines = linesOf(request);
        commit(id, request, lines);
        return new Expected.Posted();
    }

    private List<Line> linesOf(Request request) {
        return switch (request.kind()) {
            case STANDARD, PENDING -> request.lines();
            case REVERSAL -> stored.get(request.reference()).stream()
                    .map(line -> new Line(line.account(), !line.debit(), line.amount())).toList();
            case POST_PENDING -> stored.get(request.reference());
            case VOID_PENDING -> List.of();
        };
    }

    private Optional<LedgerErrorCode> refusal(Request request) {
        if (request.kind() == Kind.STANDARD || request.kind() == Kind.PENDING) {
            if (request.lines().size() < 2) {
                return Optional.of(LedgerErrorCode.LEDGER_INVALID_ENTRY);
            }
            long net = request.lines().stream().mapToLong(l -> l.debit() ? l.amount() : -l.amount()).sum();
            if (net != 0) {
                return Optional.of(LedgerErrorCode.LEDGER_UNBALANCED);
            }
        } else {
            Request target = entries.get(request.reference());
            if (target == null) {
                return Optional.of(LedgerErrorCode.LEDGER_ENTRY_NOT_FOUND);
            }
            boolean resolving = request.kind() == Kind.POST_PENDING || request.kind() == Kind.VOID_PENDING;
            if (resolving && target.kind() != Kind.PENDING) {
                return Optional.of(LedgerErrorCode.LEDGER_NOT_PENDING);
            }
            if (!resolving && target.kind() != Kind.STANDARD && target.kind() != Kind.POST_PENDING) {
                return Optional.of(LedgerErrorCode.LEDGER_NOT_REVERSIBLE);
            }
            if (referenced.contains(request.reference())) {
                return Optional.of(resolving ? LedgerErrorCode.LEDGER_PENDING_ALREADY_RESOLVED
                        : LedgerErrorCode.LEDGER_ALREADY_REVERSED);
            }
            if (request.kind() == Kind.VOID_PENDING) {
                return Optional.empty();
            }
            if (request.kind() == Kind.POST_PENDING && target.expiring()) {
                return Optional.of(LedgerErrorCode.LEDGER_PENDING_EXPIRED);
            }
        }
        LocalDate date = request.kind() == Kind.POST_PENDING && request.date() == null
                ? entries.get(request.reference()).date() : request.date();
        if (closedThrough.isPresent() && !date.isAfter(closedThrough.get())) {
            return Optional.of(LedgerErrorCode.LEDGER_PERIOD_CLOSED);
        }
        List<Line> lines = linesOf(request);
        if (lines.stream().anyMatch(line -> closedAccounts.contains(line.account()))) {
            return Optional.of(LedgerErrorCode.LEDGER_ACCOUNT_CLOSED);
        }
        return insufficient(request.kind(), lines, request.reference())
                ? Optional.of(LedgerErrorCode.LEDGER_INSUFFICIENT_BALANCE) : Optional.empty();
    }

    /** The wallet's available balance (posted, less pending credits) must not fall below zero, nor fall further. */
    private boolean insufficient(Kind kind, List<Line> lines, String reference) {
        String wallet = "1250";
        long before = available(wallet);
        long change = 0;
        for (Line line : lines) {
            if (line.account().equals(wallet)) {
                boolean decreases = !line.debit();
                if (kind == Kind.PENDING) {
                    change -= decreases ? line.amount() : 0;
                } else {
                    change += line.debit() ? line.amount() : -line.amount();
                }
            }
        }
        if (kind == Kind.POST_PENDING) {
            for (Line line : stored.get(reference)) {
                if (line.account().equals(wallet) && !line.debit()) {
                    change += line.amount(); // the reservation is released as the posting takes its place
                }
            }
        }
        long after = before + change;
        return after < 0 && after < before;
    }

    long available(String account) {
        long[] p = posted.getOrDefault(account, new long[2]);
        long[] r = pending.getOrDefault(account, new long[2]);
        ModelAccount a = account(account);
        return a.debitNormal() ? p[0] - p[1] - r[1] : p[1] - p[0] - r[0];
    }

    private void commit(String id, Request request, List<Line> lines) {
        entries.put(id, request);
        stored.put(id, lines);
        if (request.reference() != null) {
            referenced.add(request.reference());
        }
        Map<String, long[]> target = request.kind() == Kind.PENDING ? pending : posted;
        for (Line line : lines) {
            target.computeIfAbsent(line.account(), a -> new long[2])[line.debit() ? 0 : 1] += line.amount();
        }
        if (request.kind() == Kind.POST_PENDING || request.kind() == Kind.VOID_PENDING) {
            for (Line line : stored.get(request.reference())) {
                pending.get(line.account())[line.debit() ? 0 : 1] -= line.amount();
            }
        }
    }

    /**
     * The expiry sweep: every expiring pending entry not yet resolved is voided, under an id in the ledger's own
     * space. @return how many
     */
    int sweep() {
        List<String> due = entries.entrySet().stream()
                .filter(e -> e.getValue().kind() == Kind.PENDING && e.getValue().expiring()
                        && !referenced.contains(e.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
        for (String pendingId : due) {
            commit(SYSTEM_PREFIX + "xp:" + pendingId, new Request(Kind.VOID_PENDING, null, List.of(), pendingId),
                    List.of());
        }
        return due.size();
    }

    /** Closing an account with a posted or pending balance is refused. */
    Optional<LedgerErrorCode> closeAccount(String code) {
        long[] p = posted.getOrDefault(code, new long[2]);
        long[] r = pending.getOrDefault(code, new long[2]);
        if (p[0] != p[1] || r[0] != 0 || r[1] != 0) {
            return Optional.of(LedgerErrorCode.LEDGER_ACCOUNT_NOT_EMPTY);
        }
        closedAccounts.add(code);
        return Optional.empty();
    }

    Optional<LedgerErrorCode> closePeriod(LocalDate through) {
        if (closedThrough.isPresent() && through.isBefore(closedThrough.get())) {
            return Optional.of(LedgerErrorCode.LEDGER_PERIOD_REOPEN_REFUSED);
        }
        closedThrough = Optional.of(through);
        return Optional.empty();
    }
}
