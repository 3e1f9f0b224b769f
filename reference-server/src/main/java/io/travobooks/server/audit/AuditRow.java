package io.travobooks.server.audit;

/** A stored line of the audit log: the record, its place in its chain and its hash. */
public record AuditRow(long seq, AuditRecord record, String hash) {
}
