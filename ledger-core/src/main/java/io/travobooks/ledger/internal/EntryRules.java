package io.travobooks.ledger.internal;

import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.LedgerErrorCode;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.Side;

import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules an entry must meet on its own, before any stored state is consulted. */
final class EntryRules {
    static final int MAX_LINES = 1000;
    static final int MAX_METADATA_KEYS = 32;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 512;
    /** What the journal's FX rate column holds, as plain text. */
    static final int MAX_FX_RATE_TEXT = 40;

    private EntryRules() {
    }

    static Optional<PostingEngine.Plan> checkShape(JournalEntry entry, Currency functionalCurrency) {
        if (entry.lines().size() < 2) {
            return invalid("an entry needs at least two lines");
        }
        if (entry.lines().size() > MAX_LINES) {
            return invalid("an entry has at most " + MAX_LINES + " lines");
        }
        if (entry.description().length() > JournalEntry.MAX_DESCRIPTION) {
            return invalid("description longer than " + JournalEntry.MAX_DESCRIPTION);
        }
        if (entry.externalRef().map(ref -> ref.isBlank() || ref.length() > JournalEntry.MAX_REFERENCE).orElse(false)) {
            return invalid("external reference must be 1.." + JournalEntry.MAX_REFERENCE + " characters");
        }
        if (entry.sourceDocument().map(doc -> doc.isBlank() || doc.length() > JournalEntry.MAX_SOURCE_DOCUMENT)
                .orElse(false)) {
            return invalid("source document must be 1.." + JournalEntry.MAX_SOURCE_DOCUMENT + " characters");
        }
        if (entry.metadata().size() > MAX_METADATA_KEYS) {
            return invalid("at most " + MAX_METADATA_KEYS + " metadata keys");
        }
        for (Map.Entry<String, String> pair : entry.metadata().entrySet()) {
            if (pair.getKey().isBlank() || pair.getKey().length() > MAX_METADATA_KEY
                    || pair.getValue().length() > MAX_METADATA_VALUE) {
                return invalid("metadata keys are 1.." + MAX_METADATA_KEY + " and values at most "
                        + MAX_METADATA_VALUE + " characters");
            }
        }
        for (EntryLine line : entry.lines()) {
            if (line.amount().minor() > JournalEntry.MAX_AMOUNT_MINOR) {
                return invalid("a line amount is at most " + JournalEntry.MAX_AMOUNT_MINOR + " minor units");
            }
            if (line.fx().isPresent() && line.amount().currency().equals(functionalCurrency)) {
                return invalid("a line in the functional currency " + functionalCurrency + " carries no FX detail");
            }
            if (line.fx().isPresent() && (line.fx().get().functionalMinor() > JournalEntry.MAX_AMOUNT_MINOR
                    || line.fx().get().rate().toPlainString().length() > MAX_FX_RATE_TEXT)) {
                return invalid("an FX detail has at most " + JournalEntry.MAX_AMOUNT_MINOR
                        + " functional minor units and a rate of at most " + MAX_FX_RATE_TEXT + " characters");
            }
        }
        return checkBalanced(entry.lines());
    }

    /** Each currency balances on its own: its debits sum to its credits. */
    static Optional<PostingEngine.Plan> checkBalanced(List<EntryLine> lines) {
        Map<Currency, Long> net = new HashMap<>();
        try {
            for (EntryLine line : lines) {
                long signed = line.side() == Side.DEBIT ? line.amount().minor() : -line.amount().minor();
                net.merge(line.amount().currency(), signed, Math::addExact);
            }
        } catch (ArithmeticException overflow) {
            return invalid("amounts overflow");
        }
        for (Map.Entry<Currency, Long> currency : net.entrySet()) {
            if (currency.getValue() != 0) {
                return Optional.of(PostingEngine.Plan.refuse(LedgerErrorCode.LEDGER_UNBALANCED,
                        currency.getKey() + " debits and credits differ by " + currency.getValue() + " minor units"));
            }
        }
        return Optional.empty();
    }

    private static Optional<PostingEngine.Plan> invalid(String detail) {
        return Optional.of(PostingEngine.Plan.refuse(LedgerErrorCode.LEDGER_INVALID_ENTRY, detail));
    }
}
