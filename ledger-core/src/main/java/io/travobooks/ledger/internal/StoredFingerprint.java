package io.travobooks.ledger.internal;

import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.StoredEntry;

import java.time.Instant;
import java.util.Map;

/** The fingerprint a stored entry answers to, keyed like {@link PostingCommand#fingerprint()} for its kind. */
final class StoredFingerprint {
    private StoredFingerprint() {
    }

    static Map<String, String> of(StoredEntry entry) {
        Map<String, String> fp = PostingCommand.Fingerprints.header(entry.kind(), entry.effectiveDate(),
                entry.description(), entry.externalRef(), entry.sourceDocument(), entry.metadata());
        fp.put("reference", entry.reference().map(Object::toString).orElse(""));
        fp.put("expiresAt", entry.expiresAt().map(Instant::toString).orElse(""));
        fp.put("amounts", entry.lines().stream().map(EntryLine::amount).map(money -> money.minor()).toList()
                .toString());
        PostingCommand.Fingerprints.putLines(fp, entry.lines());
        return fp;
    }
}
