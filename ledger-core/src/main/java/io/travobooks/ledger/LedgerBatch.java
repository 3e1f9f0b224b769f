package io.travobooks.ledger;

import io.travobooks.ledger.internal.PostingCommand;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.EntryKind;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Postings that stand or fall together: new entries, reversals and resolutions of pending entries, in order. See
 * {@link Ledger#applyWithin} to post them all or none, and {@link Ledger#checkWithin} to learn, before an outside
 * party acts, whether the ledger would take them now.
 */
public final class LedgerBatch {
    private final List<Function<RequestContext, PostingCommand>> commands = new ArrayList<>();

    public static LedgerBatch of(List<JournalEntry> entries) {
        LedgerBatch batch = new LedgerBatch();
        entries.forEach(batch::post);
        return batch;
    }

    public LedgerBatch post(JournalEntry entry) {
        commands.add(context -> new PostingCommand.NewEntry(context, EntryKind.STANDARD, entry, Optional.empty()));
        return this;
    }

    /** The exact opposite of {@code original} as {@code id}, dated {@code date}; an entry is reversed once. */
    public LedgerBatch reverse(EntryId id, EntryId original, LocalDate date, String description) {
        commands.add(context -> new PostingCommand.Reverse(context, id, original, date, description));
        return this;
    }

    /** Posts the pending entry in full as {@code id}, dated {@code date} (the day it is captured). */
    public LedgerBatch capture(EntryId id, EntryId pending, LocalDate date) {
        commands.add(context -> new PostingCommand.Resolve(context, id, pending, true, Optional.empty(),
                Optional.of(date)));
        return this;
    }

    List<PostingCommand> commands(RequestContext context) {
        return commands.stream().map(command -> command.apply(context)).toList();
    }
}
