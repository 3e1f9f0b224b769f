package io.travobooks.ledger.internal;

import io.travobooks.ledger.ReportLine;
import io.travobooks.spi.AccountId;
import io.travobooks.spi.ledger.Account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Rolls amounts up the account tree and lists them depth-first in code order. */
public final class Hierarchy {
    private final Map<AccountId, Account> accounts = new HashMap<>();
    private final Map<AccountId, List<Account>> children = new HashMap<>();
    private final List<Account> roots = new ArrayList<>();

    public Hierarchy(Collection<Account> chart) {
        chart.forEach(account -> accounts.put(account.id(), account));
        for (Account account : chart) {
            AccountId parent = account.parent().filter(accounts::containsKey).orElse(null);
            if (parent == null) {
                roots.add(account);
            } else {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(account);
            }
        }
        Comparator<Account> byCode = Comparator.comparing(Account::id);
        roots.sort(byCode);
        children.values().forEach(list -> list.sort(byCode));
    }

    public Account account(AccountId id) {
        return accounts.get(id);
    }

    /** The account and every account under it, at any depth. */
    public List<AccountId> withDescendants(AccountId id) {
        List<AccountId> out = new ArrayList<>(List.of(id));
        for (int i = 0; i < out.size(); i++) {
            children.getOrDefault(out.get(i), List.of()).forEach(child -> out.add(child.id()));
        }
        return out;
    }

    /**
     * The lines of the accounts that pass {@code include} and whose roll-up or own balance is not zero. An account
     * that is not included contributes nothing and hides nothing: its included descendants appear under the nearest
     * included ancestor, or at the top, and make that ancestor's line a roll-up.
     */
    public List<ReportLine> lines(Map<AccountId, Long> own, Predicate<Account> include) {
        List<ReportLine> out = new ArrayList<>();
        for (Account root : roots) {
            walk(root, 0, own, include, out);
        }
        return out;
    }

    private long walk(Account account, int depth, Map<AccountId, Long> own, Predicate<Account> include,
                      List<ReportLine> out) {
        boolean included = include.test(account);
        int index = out.size();
        long total = included ? own.getOrDefault(account.id(), 0L) : 0L;
        for (Account child : children.getOrDefault(account.id(), List.of())) {
            total = Math.addExact(total, walk(child, included ? depth + 1 : depth, own, include, out));
        }
        // Every line added since this account's walk began belongs to one of its sub-accounts.
        boolean rollup = out.size() > index;
        if (included && (total != 0 || own.getOrDefault(account.id(), 0L) != 0)) {
            out.add(index, new ReportLine(account.id(), account.name(), account.type(), depth,
                    own.getOrDefault(account.id(), 0L), total, rollup));
        }
        return total;
    }
}
