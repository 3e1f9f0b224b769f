package io.travobooks.server.support;

import io.travobooks.server.contract.Operation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;

/**
 * A valid request for every operation of the contract, in a tenant prepared by {@link #prepare}: the starting point
 * of the generated tests, which change it into invalid variants or send it with the wrong credentials. A test
 * fails when an operation has no sample, so a new operation cannot go untested.
 */
public final class OperationSamples {
    public static final String DAY = "2026-03-10";
    /** What {@link #prepare} made; the samples refer to these. */
    public static final String ACCOUNT = "1290";
    public static final String ENTRY = "sample-entry";
    public static final String HOLD = "sample-hold";
    public static final String SECOND_HOLD = "sample-hold-2";

    private OperationSamples() {
    }

    public record Sample(Map<String, String> path, Map<String, String> query, Optional<Object> body) {
        public String url(Operation operation) {
            String url = operation.pathTemplate();
            for (Map.Entry<String, String> parameter : path.entrySet()) {
                url = url.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
            }
            if (!query.isEmpty()) {
                url += "?" + query.entrySet().stream().map(q -> q.getKey() + "=" + encode(q.getValue()))
                        .collect(Collectors.joining("&"));
            }
            return url;
        }

        public Sample withPath(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(path);
            changed.put(name, value);
            return new Sample(changed, query, body);
        }

        public Sample withQuery(String name, String value) {
            Map<String, String> changed = new LinkedHashMap<>(query);
            changed.put(name, value);
            return new Sample(path, changed, body);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    /** Opens account {@link #ACCOUNT}, posts entry {@link #ENTRY}, reserves {@link #HOLD} and {@link
     * #SECOND_HOLD}, and makes a key; answers the key's id. */
    public static String prepare(ApiClient tenant) {
        tenant.post("/v1/accounts", Map.of("code", ACCOUNT, "name", "Wallet float", "type", "ASSET", "parent", "1"));
        tenant.post("/v1/journal-entries", entry(ENTRY, DAY, dr("1100", 100), cr("4300", 100)));
        tenant.post("/v1/journal-entries", entry("sample-last-year", "2025-05-01", dr("1100", 100), cr("4300", 100)));
        tenant.post("/v1/pending-entries", entry(HOLD, DAY, dr("1100", 100), cr("2200", 100)));
        tenant.post("/v1/pending-entries", entry(SECOND_HOLD, DAY, dr("1100", 100), cr("2200", 100)));
        return tenant.post("/v1/api-keys", Map.of("name", "sample", "scopes", List.of("ledger:read")))
                .json().get("id").asText();
    }

    public static Sample of(Operation operation, String keyId) {
        String fresh = "s-" + UUID.randomUUID().toString().substring(0, 8);
        return switch (operation.operationId()) {
            case "getLiveness", "getReadiness", "whoAmI", "getTenant", "getPeriods", "verifyAuditChain",
                 "listApiKeys" -> none();
            case "getOpenApi" -> new Sample(Map.of(), Map.of("format", "json"), Optional.empty());
            case "createTenant" -> body(Map.of("id", fresh, "functional_currency", "BDT"));
            case "createApiKey" -> body(Map.of("name", "sample", "scopes", List.of("ledger:read")));
            case "getApiKey", "revokeApiKey" -> new Sample(Map.of("key_id", keyId), Map.of(), Optional.empty());
            case "listAccounts" -> new Sample(Map.of(), Map.of("type", "ASSET", "limit", "10"), Optional.empty());
            case "openAccount" -> body(Map.of("code", fresh, "name", "Sample", "type", "EXPENSE", "parent", "5"));
            case "getAccount", "closeAccount" -> new Sample(Map.of("code", ACCOUNT), Map.of(), Optional.empty());
            case "getBalance" -> new Sample(Map.of("code", ACCOUNT), Map.of("currency", "BDT", "as_of", DAY),
                    Optional.empty());
            case "getStatement" -> new Sample(Map.of("code", ACCOUNT),
                    Map.of("currency", "BDT", "from", DAY, "to", DAY, "limit", "10"), Optional.empty());
            case "listJournalEntries" -> new Sample(Map.of(), Map.of("account", "1100", "from", DAY, "to", DAY,
                    "dimension", "AIRLINE", "dimension_value", "EK", "limit", "5"), Optional.empty());
            case "postJournalEntry" -> body(entry(fresh, DAY, dr("1100", 100), cr("4300", 100)));
            case "postJournalBatch" -> body(Map.of("all_or_nothing", true,
                    "entries", List.of(entry(fresh, DAY, dr("1100", 100), cr("4300", 100)))));
            case "getJournalEntry" -> new Sample(Map.of("entry_id", ENTRY), Map.of(), Optional.empty());
            case "reverseJournalEntry" -> new Sample(Map.of("entry_id", ENTRY), Map.of(),
                    Optional.of(Map.of("id", fresh, "effective_date", DAY)));
            case "reservePendingEntry" -> body(entry(fresh, DAY, dr("1100", 100), cr("2200", 100)));
            case "postPendingEntry" -> new Sample(Map.of("entry_id", HOLD), Map.of(),
                    Optional.of(Map.of("id", fresh, "amounts_minor", List.of(50, 50), "effective_date", DAY)));
            case "voidPendingEntry" -> new Sample(Map.of("entry_id", SECOND_HOLD), Map.of(),
                    Optional.of(Map.of("id", fresh)));
            case "getTrialBalance", "getBalanceSheet" -> new Sample(Map.of(), Map.of("as_of", DAY),
                    Optional.empty());
            case "getIncomeStatement" -> new Sample(Map.of(), Map.of("from", "2026-03-01", "to", "2026-03-31"),
                    Optional.empty());
            case "closePeriod" -> body(Map.of("through", "2025-06-30"));
            case "closeYear" -> body(Map.of("id", fresh, "year_end", "2025-12-31", "retained_earnings", "3100"));
            default -> throw new IllegalStateException("no sample for " + operation.describe()
                    + ": add one, so that the generated tests cover it");
        };
    }

    private static Sample none() {
        return new Sample(Map.of(), Map.of(), Optional.empty());
    }

    private static Sample body(Object body) {
        return new Sample(Map.of(), Map.of(), Optional.of(body));
    }
}
