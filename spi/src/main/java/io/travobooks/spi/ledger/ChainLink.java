package io.travobooks.spi.ledger;

import io.travobooks.spi.EntryId;

/** One link of a tenant's audit chain: hash(previous hash + the entry's canonical bytes). */
public record ChainLink(long seq, EntryId entryId, String hash) {
}
