package io.travobooks.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.travobooks.ledger.ChartTemplates;
import io.travobooks.ledger.JournalEntry;
import io.travobooks.ledger.Ledger;
import io.travobooks.ledger.PostResult;
import io.travobooks.ledger.TrialBalance;
import io.travobooks.spi.EntryId;
import io.travobooks.spi.RequestContext;
import io.travobooks.spi.ledger.EntryLine;
import io.travobooks.spi.ledger.Side;
import io.travobooks.testkit.ledger.WorkedExample;
import io.travobooks.server.support.ApiClient;
import io.travobooks.server.support.ApiResponse;
import io.travobooks.server.support.RoutesSuite;
import io.travobooks.server.support.Tenants;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.travobooks.server.support.Bodies.cr;
import static io.travobooks.server.support.Bodies.dr;
import static io.travobooks.server.support.Bodies.entry;
import static io.travobooks.server.support.Bodies.with;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger over HTTP, on a real socket, run on H2 and on MariaDB + Redis by its subclasses. Each test works in a
 * tenant of its own (opened through the API), and every exchange is checked against the contract.
 *
 * <p>Why one class of this size: it is one suite that each subclass runs against one server start per database;
 * split in two, every split would start its servers again, and the server routes of the ledger and of the keys
 * and tenants it needs are read together.
 */
public abstract class LedgerRoutesSuite extends RoutesSuite {
    private static final String DAY = "2026-03-10";

    private ApiClient newTenant() {
        return Tenants.open(operator);
    }

    @Test
    void theChartPagesThroughEveryAccountOnce() {
        ApiClient agency = newTenant();
        List<String> codes = new ArrayList<>();
        String path = "/v1/accounts?limit=7";
        while (true) {
            JsonNode page = agency.get(path).json();
            page.get("items").forEach(account -> codes.add(account.get("code").asText()));
            if (!page.has("next_cursor")) {
                break;
            }
            path = "/v1/accounts?limit=7&cursor=" + page.get("next_cursor").asText();
        }
        assertThat(codes).hasSize(ChartTemplates.travelAgency().size()).doesNotHaveDuplicates().isSorted();
        assertThat(agency.get("/v1/accounts?type=REVENUE&parent=4").json().get("items"))
                .extracting(account -> account.get("code").asText()).contains("4100", "4300");
    }

    @Test
    void anAccountIsOpenedReadAndClosed() {
        ApiClient agency = newTenant();
        ApiResponse opened = agency.post("/v1/accounts", Map.of("code", "1290", "name", "Wallet float",
                "type", "ASSET", "parent", "1", "currency", "BDT", "no_negative", true));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(agency.get("/v1/accounts/1290").json().get("no_negative").asBoolean()).isTrue();

        ApiResponse again = agency.post("/v1/accounts", Map.of("code", "1290", "name", "Other", "type", "ASSET"));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.code()).isEqualTo("LEDGER_ACCOUNT_EXISTS");

        assertThat(agency.post("/v1/accounts/1290/close", Map.of()).json().get("status").asText())
                .isEqualTo("CLOSED");
        assertThat(agency.get("/v1/accounts/9999").status()).isEqualTo(404);
        assertThat(agency.post("/v1/accounts/9999/close", Map.of()).code()).isEqualTo("LEDGER_ACCOUNT_NOT_FOUND");
    }

    @Test
    void anEntryIsPostedOnceReadBackFoundAndReversed() {
        ApiClient agency = newTenant();
        Map<String, Object> sale = with(entry("sale-1", DAY, List.of(dr("1100", 5_515_000), cr("2100", 5_120_000),
                cr("4100", 280_000), cr("4300", 100_000), cr("2300", 15_000))), "external_ref", "PNR-XYZ789");
        ApiResponse posted = agency.post("/v1/journal-entries", sale);
        assertThat(posted.status()).as(posted.body()).isEqualTo(201);
        assertThat(posted.json().get("status").asText()).isEqualTo("POSTED");

        ApiResponse repeated = agency.post("/v1/journal-entries", sale); // another key: the entry id decides
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.json().get("status").asText()).isEqualTo("ALREADY_POSTED");
        assertThat(repeated.json().get("seq")).isEqualTo(posted.json().get("seq"));

        ApiResponse conflicting = agency.post("/v1/journal-entries", with(sale, "description", "changed"));
        assertThat(conflicting.status()).isEqualTo(409);
        assertThat(conflicting.code()).isEqualTo("LEDGER_ID_CONFLICT");

        JsonNode stored = agency.get("/v1/journal-entries/sale-1").json();
        assertThat(stored.get("lines")).hasSize(5);
        assertThat(stored.get("external_ref").asText()).isEqualTo("PNR-XYZ789");
        assertThat(agency.get("/v1/journal-entries?external_ref=PNR-XYZ789").json().at("/items/0/id").asText())
                .isEqualTo("sale-1");
        assertThat(agency.get("/v1/journal-entries?account=4300").json().get("items")).hasSize(1);
        assertThat(agency.get("/v1/journal-entries?account=1000").json().get("items")).isEmpty();

        assertThat(agency.get("/v1/accounts/2100/balance?currency=BDT").json().get("posted_minor").asLong())
                .isEqualTo(5_120_000);
        ApiResponse reversed = agency.post("/v1/journal-entries/sale-1/reverse",
                Map.of("id", "void-1", "effective_date", DAY, "description", "void"));
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(201);
        assertThat(agency.get("/v1/accounts/2100/balance?currency=BDT").json().get("posted_minor").asLong())
                .isZero();
        assertThat(agency.get("/v1/journal-entries/sale-1").json().get("referenced_by").asText()).isEqualTo("void-1");
        assertThat(agency.get("/v1/journal-entries/void-1").json().get("reference").asText()).isEqualTo("sale-1");
        assertThat(agency.get("/v1/journal-entries/void-1").json().has("referenced_by")).isFalse();
        JsonNode listed = agency.get("/v1/journal-entries").json().get("items");
        assertThat(listed.get(0).get("id").asText()).isEqualTo("sale-1");
        assertThat(listed.get(0).get("referenced_by").asText()).isEqualTo("void-1");
        assertThat(agency.post("/v1/journal-entries/sale-1/reverse", Map.of("id", "void-2")).code())
                .isEqualTo("LEDGER_ALREADY_REVERSED");
        assertThat(agency.post("/v1/journal-entries/nothing/reverse", Map.of("id", "void-3")).status())
                .isEqualTo(404);

        String dayBefore = LocalDate.parse(DAY).minusDays(1).toString();
        JsonNode revenue = agency.get("/v1/accounts/4/daily-activity?currency=BDT&from=" + dayBefore + "&to=" + DAY)
                .json();
        assertThat(revenue.get("days").findValuesAsText("date")).containsExactly(dayBefore, DAY);
        assertThat(revenue.at("/days/0/credit_minor").asLong()).isZero();
        assertThat(revenue.at("/days/1/credit_minor").asLong()).as("4100 and 4300, under 4").isEqualTo(380_000);
        assertThat(revenue.at("/days/1/debit_minor").asLong()).as("the reversal").isEqualTo(380_000);
        assertThat(agency.get("/v1/accounts/4999/daily-activity?currency=BDT&from=" + DAY + "&to=" + DAY).status())
                .isEqualTo(404);
        assertThat(agency.get("/v1/accounts/4/daily-activity?currency=BDT&from=2020-01-01&to=" + DAY).code())
                .isEqualTo("LEDGER_INVALID_REQUEST");

        JsonNode statement = agency.get("/v1/accounts/2100/statement?currency=BDT&from=" + DAY + "&to=" + DAY)
                .json();
        assertThat(statement.get("lines")).hasSize(2);
        assertThat(statement.get("closing_minor").asLong()).isZero();
    }

    @Test
    void theLedgerRefusesWhatItsRulesForbid() {
        ApiClient agency = newTenant();
        ApiResponse unbalanced = agency.post("/v1/journal-entries",
                entry("bad-1", DAY, dr("1100", 100), cr("2100", 99)));
        assertThat(unbalanced.status()).isEqualTo(422);
        assertThat(unbalanced.code()).isEqualTo("LEDGER_UNBALANCED");
        ApiResponse unknownAccount = agency.post("/v1/journal-entries",
                entry("bad-2", DAY, dr("1100", 100), cr("2999", 100)));
        assertThat(unknownAccount.code()).isEqualTo("LEDGER_ACCOUNT_NOT_FOUND");
        assertThat(unknownAccount.status()).isEqualTo(422);
        ApiResponse unknownCurrency = agency.post("/v1/journal-entries", entry("bad-3", DAY,
                with(dr("1100", 100), "currency", "XYZ"), with(cr("2100", 100), "currency", "XYZ")));
        assertThat(unknownCurrency.status()).isEqualTo(400);
        assertThat(unknownCurrency.json().at("/errors/0/field").asText()).isEqualTo("/lines/0/currency");
        assertThat(agency.get("/v1/journal-entries").json().get("items")).isEmpty();
    }

    @Test
    void aBatchIsAllOrNothingUnlessAskedOtherwise() {
        ApiClient agency = newTenant();
        List<Object> entries = List.of(entry("b-1", DAY, dr("1100", 100), cr("2100", 100)),
                entry("b-2", DAY, dr("1100", 100), cr("2100", 50)));
        JsonNode atomic = agency.post("/v1/journal-entries/batch", Map.of("entries", entries)).json();
        assertThat(atomic.at("/results/1/problem/code").asText()).isEqualTo("LEDGER_UNBALANCED");
        assertThat(atomic.at("/results/0/status").asText()).isEqualTo("REFUSED");
        assertThat(agency.get("/v1/journal-entries").json().get("items")).isEmpty();

        JsonNode separate = agency.post("/v1/journal-entries/batch",
                Map.of("entries", entries, "all_or_nothing", false)).json();
        assertThat(separate.at("/results/0/status").asText()).isEqualTo("POSTED");
        assertThat(separate.at("/results/1/status").asText()).isEqualTo("REFUSED");
        assertThat(agency.get("/v1/journal-entries").json().get("items")).hasSize(1);
    }

    @Test
    void aPendingEntryReservesThenPostsPartlyOrIsVoided() {
        ApiClient agency = newTenant();
        assertThat(agency.post("/v1/pending-entries", entry("hold-1", DAY, dr("1100", 10_000), cr("2200", 10_000)))
                .status()).isEqualTo(201);
        JsonNode reserved = agency.get("/v1/accounts/2200/balance?currency=BDT").json();
        assertThat(reserved.get("posted_minor").asLong()).isZero();
        assertThat(reserved.get("pending_minor").asLong()).isEqualTo(10_000);

        ApiResponse captured = agency.post("/v1/pending-entries/hold-1/post",
                Map.of("id", "capture-1", "amounts_minor", List.of(6_000, 6_000), "effective_date", DAY));
        assertThat(captured.status()).as(captured.body()).isEqualTo(201);
        JsonNode after = agency.get("/v1/accounts/2200/balance?currency=BDT").json();
        assertThat(after.get("posted_minor").asLong()).isEqualTo(6_000);
        assertThat(after.get("pending_minor").asLong()).isZero();

        agency.post("/v1/pending-entries", entry("hold-2", DAY, dr("1100", 500), cr("2200", 500)));
        assertThat(agency.post("/v1/pending-entries/hold-2/void", Map.of("id", "release-2")).status())
                .isEqualTo(201);
        assertThat(agency.post("/v1/pending-entries/hold-2/post", Map.of("id", "capture-2")).code())
                .isEqualTo("LEDGER_PENDING_ALREADY_RESOLVED");
    }

    @Test
    void reportsPeriodsAndTheAuditChain() {
        ApiClient agency = newTenant();
        agency.post("/v1/journal-entries", entry("capital", DAY, dr("1000", 20_000_000), cr("3000", 20_000_000)));
        agency.post("/v1/journal-entries", entry("fee", DAY, dr("1100", 115_000), cr("4300", 100_000),
                cr("2300", 15_000)));

        JsonNode trial = agency.get("/v1/reports/trial-balance?as_of=" + DAY).json();
        assertThat(trial.at("/currencies/0/currency").asText()).isEqualTo("BDT");
        assertThat(trial.at("/currencies/0/total_debit_minor").asLong()).isEqualTo(20_115_000);
        assertThat(trial.at("/currencies/0/total_credit_minor").asLong()).isEqualTo(20_115_000);
        JsonNode income = agency.get("/v1/reports/income-statement?from=2026-03-01&to=2026-03-31").json();
        assertThat(income.at("/currencies/0/net_income_minor").asLong()).isEqualTo(100_000);
        JsonNode sheet = agency.get("/v1/reports/balance-sheet?as_of=" + DAY).json();
        assertThat(sheet.at("/currencies/0/total_assets_minor").asLong()).isEqualTo(20_115_000);

        assertThat(agency.post("/v1/periods/close", Map.of("through", DAY)).json().get("closed_through").asText())
                .isEqualTo(DAY);
        assertThat(agency.get("/v1/periods").json().get("closed_through").asText()).isEqualTo(DAY);
        assertThat(agency.post("/v1/journal-entries", entry("late", DAY, dr("1100", 1), cr("4300", 1))).code())
                .isEqualTo("LEDGER_PERIOD_CLOSED");
        ApiResponse yearEnd = agency.post("/v1/periods/year-end-close", Map.of("id", "close-2026",
                "year_end", "2026-12-31", "retained_earnings", "3100"));
        assertThat(yearEnd.status()).as(yearEnd.body()).isIn(201, 422);

        JsonNode audit = agency.post("/v1/audit/verification", Map.of()).json();
        assertThat(audit.get("status").asText()).isEqualTo("INTACT");
        int entries = agency.get("/v1/journal-entries").json().get("items").size();
        assertThat(audit.get("verified").asLong() + audit.get("unchained").asLong()).as("every entry accounted for")
                .isEqualTo(entries);
    }

    @Test
    void aRetryWithTheSameKeyIsAnsweredFromTheFirstAndAnotherBodyIsRefused() {
        ApiClient agency = newTenant();
        Map<String, Object> sale = entry("idem-1", DAY, dr("1100", 700), cr("4300", 700));
        ApiResponse first = agency.post("/v1/journal-entries", sale, "key-1");
        ApiResponse retry = agency.post("/v1/journal-entries", sale, "key-1");
        assertThat(retry.status()).isEqualTo(first.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(first.header("Idempotent-Replayed")).isEmpty();

        ApiResponse other = agency.post("/v1/journal-entries", with(sale, "id", "idem-2"), "key-1");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        ApiResponse elsewhere = agency.post("/v1/accounts", Map.of("code", "1291", "name", "x", "type", "ASSET"),
                "key-1");
        assertThat(elsewhere.code()).as("one key space for every operation").isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(agency.get("/v1/journal-entries/idem-2").status()).isEqualTo(404);
    }

    @Test
    void theContractAndItsReferencePageAreServed() {
        ApiClient anonymous = operator.withoutKey();
        assertThat(anonymous.get("/openapi").body()).startsWith("openapi: 3.1.0");
        assertThat(anonymous.get("/openapi?format=json").json().get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(anonymous.send("GET", "/openapi", Optional.empty(), Map.of("Accept", "application/json"))
                .json().has("paths")).isTrue();
        assertThat(anonymous.get("/docs").body()).contains("swagger-ui-bundle.js");
        assertThat(anonymous.get("/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/health/live").json().get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.get("/health/ready").json().at("/checks/database").asText()).isEqualTo("UP");
    }

    @Test
    void theOperatorReadsMetricsAndATenantCannot() {
        ApiClient agency = newTenant();
        agency.get("/v1/reports/trial-balance");
        agency.post("/v1/journal-entries", entry("metered", "2026-03-10", dr("1100", 100), cr("4300", 100)));
        String metrics = operator.get("/metrics").body();
        assertThat(metrics).contains("travo_http_requests_seconds_count{method=\"GET\",operation=\"getTrialBalance\","
                + "status=\"200\"}").contains("jvm_memory_used_bytes")
                .as("the ledger writers' commits").containsPattern("travo_ledger_writer_batch_entries_count [1-9]");
        assertThat(agency.get("/metrics").status()).isEqualTo(403);
        assertThat(agency.post("/v1/api-keys", Map.of("name", "spy", "scopes", List.of("metrics:read"))).status())
                .as("a key hands out no scope it lacks").isEqualTo(403);
    }

    @Test
    void keysAreIssuedListedAndRevokedAndARevokedKeyStopsAtOnce() {
        ApiClient agency = newTenant();
        ApiResponse created = agency.post("/v1/api-keys", Map.of("name", "reporting", "scopes",
                List.of("ledger:read")), "key-for-reports");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String secret = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        ApiResponse retried = agency.post("/v1/api-keys", Map.of("name", "reporting", "scopes",
                List.of("ledger:read")), "key-for-reports");
        assertThat(retried.header("Idempotent-Replayed")).contains("true");
        assertThat(retried.json().get("id").asText()).isEqualTo(id);
        assertThat(retried.body()).as("the secret is never kept for retries").doesNotContain(secret)
                .doesNotContain("\"key\"");
        ApiClient reporting = agency.withKey(secret);
        assertThat(reporting.get("/v1/reports/trial-balance").status()).isEqualTo(200);
        ApiResponse forbidden = reporting.post("/v1/journal-entries", entry("x", DAY, dr("1100", 1), cr("4300", 1)));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN");

        JsonNode listed = agency.get("/v1/api-keys").json();
        assertThat(listed.toString()).doesNotContain(secret);
        assertThat(listed.at("/items/0/id").asText()).as("newest first").isEqualTo(id);
        String newer = agency.post("/v1/api-keys", Map.of("name", "second", "scopes", List.of("ledger:read")))
                .json().get("id").asText();
        JsonNode first = agency.get("/v1/api-keys?limit=1").json();
        assertThat(first.at("/items/0/id").asText()).isEqualTo(newer);
        JsonNode second = agency.get("/v1/api-keys?limit=1&cursor=" + first.get("next_cursor").asText()).json();
        assertThat(second.at("/items/0/id").asText()).isEqualTo(id);

        assertThat(agency.delete("/v1/api-keys/" + id).json().has("revoked_at")).isTrue();
        ApiResponse revoked = reporting.get("/v1/reports/trial-balance");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.header("WWW-Authenticate").orElseThrow()).contains("invalid_token");
        assertThat(operator.withoutKey().get("/v1/whoami").header("WWW-Authenticate")).isPresent();
    }

    /** The worked example posted over HTTP gives the trial balance the library gives for the same events. */
    @Test
    void theWorkedExampleOverHttpBalancesAsTheLibraryDoes() {
        ApiClient agency = newTenant();
        for (WorkedExample.Event event : WorkedExample.events()) {
            ApiResponse response = switch (event) {
                case WorkedExample.Posting posting -> agency.post("/v1/journal-entries", with(entry(posting.id(),
                        WorkedExample.DAY.toString(), posting.lines().stream().map(LedgerRoutesSuite::line).toList()),
                        "description", posting.description()));
                case WorkedExample.Reversal reversal -> agency.post("/v1/journal-entries/" + reversal.original()
                        + "/reverse", Map.of("id", reversal.id(), "effective_date", WorkedExample.DAY.toString(),
                        "description", reversal.description()));
            };
            assertThat(response.status()).as("%s: %s", event.id(), response.body()).isEqualTo(201);
        }
        JsonNode overHttp = agency.get("/v1/reports/trial-balance?as_of=" + WorkedExample.DAY).json();

        Ledger ledger = server.server().backends().ledger();
        RequestContext library = RequestContext.of("lib-" + UUID.randomUUID().toString().substring(0, 8), "test");
        ledger.createTenant(library.tenant(), Currency.getInstance("BDT")).orThrow();
        ledger.chart().openAll(library, ChartTemplates.travelAgency()).orThrow();
        for (WorkedExample.Event event : WorkedExample.events()) {
            PostResult result = switch (event) {
                case WorkedExample.Posting posting -> ledger.post(library, JournalEntry.builder(posting.id(),
                        WorkedExample.DAY).description(posting.description()).lines(posting.lines()).build());
                case WorkedExample.Reversal reversal -> ledger.reverse(library, EntryId.of(reversal.id()),
                        EntryId.of(reversal.original()), WorkedExample.DAY, reversal.description());
            };
            assertThat(result.isSuccess()).isTrue();
        }
        TrialBalance.Table expected = ledger.reports().trialBalance(library, WorkedExample.DAY).byCurrency()
                .get(Currency.getInstance("BDT"));

        JsonNode table = overHttp.at("/currencies/0");
        assertThat(table.get("total_debit_minor").asLong()).isEqualTo(expected.totalDebit())
                .isEqualTo(WorkedExample.TRIAL_BALANCE_TOTAL_MINOR);
        assertThat(table.get("total_credit_minor").asLong()).isEqualTo(expected.totalCredit());
        List<String> rows = new ArrayList<>();
        table.get("lines").forEach(row -> rows.add(row.get("account").asText() + " "
                + row.get("debit_minor").asLong() + " " + row.get("credit_minor").asLong()));
        assertThat(rows).containsExactlyElementsOf(expected.accounts().stream()
                .map(row -> row.account().value() + " " + row.debit() + " " + row.credit()).toList());
    }

    private static Map<String, Object> line(EntryLine line) {
        Map<String, Object> body = new LinkedHashMap<>(line.side() == Side.DEBIT
                ? dr(line.account().value(), line.amount().minor())
                : cr(line.account().value(), line.amount().minor()));
        Map<String, String> dimensions = new TreeMap<>();
        line.dimensions().forEach((dimension, value) -> dimensions.put(dimension.name(), value));
        if (!dimensions.isEmpty()) {
            body.put("dimensions", dimensions);
        }
        return body;
    }

    /** An entry the handler's own checks refuse, before its key is claimed: the refusal is still the key's answer. */
    @Test
    void aRefusalMadeBeforeTheClaimIsKeptAsTheKeysAnswer() {
        ApiClient agency = newTenant();
        Map<String, Object> budget = entry("agent.x", DAY, dr("1100", 100), cr("2100", 100));

        ApiResponse first = agency.post("/v1/journal-entries", budget, "key-agent");
        ApiResponse retry = agency.post("/v1/journal-entries", budget, "key-agent");
        ApiResponse other = agency.post("/v1/journal-entries", entry("fine-1", DAY, dr("1100", 100),
                cr("2100", 100)), "key-agent");

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.json().at("/errors/0/field").asText()).isEqualTo("/id");
        assertThat(retry.status()).isEqualTo(400);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).contains("true");
        assertThat(other.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(agency.get("/v1/journal-entries").json().get("items")).isEmpty();
    }

    /** A hundred posts of one entry at once with one Idempotency-Key: one posts it, the others get 409 or a replay. */
    @Test
    void aHundredConcurrentPostsWithOneKeyPostOnce() throws Exception {
        ApiClient agency = newTenant();
        Map<String, Object> sale = entry("once-1", DAY, dr("1100", 700), cr("4300", 700));

        List<ApiResponse> responses = hundredAtOnce(() -> agency.post("/v1/journal-entries", sale, "one-entry-key"));

        assertOneRanAndTheOthersWereToldToRetryOrReplayed(responses);
        assertThat(agency.get("/v1/journal-entries").json().get("items")).hasSize(1);
        assertThat(agency.get("/v1/accounts/1100/balance?currency=BDT").json().get("posted_minor").asLong())
                .isEqualTo(700);
    }

    /** A hundred requests at once with one Idempotency-Key: one of them runs, and one key is made. */
    @Test
    void aHundredConcurrentDuplicatesHaveOneEffect() throws Exception {
        ApiClient agency = newTenant();

        List<ApiResponse> responses = hundredAtOnce(() -> agency.post("/v1/api-keys", Map.of("name", "concurrent",
                "scopes", List.of("ledger:read")), "one-key-for-all"));

        assertOneRanAndTheOthersWereToldToRetryOrReplayed(responses);
        Set<String> keys = new HashSet<>();
        responses.stream().filter(r -> r.status() == 201).forEach(r -> keys.add(r.json().get("id").asText()));
        assertThat(keys).as("every 201 names the same key").hasSize(1);
        JsonNode listed = agency.get("/v1/api-keys?limit=200").json().get("items");
        List<String> named = new ArrayList<>();
        listed.forEach(key -> {
            if (key.get("name").asText().equals("concurrent")) {
                named.add(key.get("id").asText());
            }
        });
        assertThat(named).as("keys made").hasSize(1);
    }

    /** Sends {@code request} a hundred times at once, from a hundred threads; the answers, in no order. */
    private static List<ApiResponse> hundredAtOnce(Callable<ApiResponse> request) throws Exception {
        int requests = 100;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<ApiResponse> responses = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return responses;
        }
    }

    private static void assertOneRanAndTheOthersWereToldToRetryOrReplayed(List<ApiResponse> responses) {
        assertThat(responses).extracting(ApiResponse::status).allMatch(status -> status == 201 || status == 409);
        assertThat(responses).filteredOn(r -> r.status() == 201 && r.header("Idempotent-Replayed").isEmpty())
                .as("the one request that ran").hasSize(1);
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .allSatisfy(r -> {
                    assertThat(r.code()).isEqualTo("IDEMPOTENCY_KEY_IN_USE");
                    assertThat(r.header("Retry-After")).as("a retry is the way out").contains("1");
                });
    }

    /** Two openings of one tenant at once: one gets the tenant and its admin key, the other is refused. */
    @Test
    void aTenantIsOpenedOnceEvenWhenTwoAskAtOnce() throws Exception {
        String tenant = "race-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return operator.post("/v1/tenants", Map.of("id", tenant, "functional_currency", "BDT"));
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiResponse> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).filteredOn(status -> status == 201).as("admin keys handed out").hasSize(1);
            assertThat(statuses).allMatch(status -> status == 201 || status == 422, "201 or 422: " + statuses);
        }
    }

    @Test
    void anotherTenantsEntriesAreNotFound() {
        ApiClient first = newTenant();
        ApiClient second = newTenant();
        first.post("/v1/journal-entries", entry("mine", DAY, dr("1100", 100), cr("4300", 100)));
        assertThat(second.get("/v1/journal-entries/mine").status()).isEqualTo(404);
        assertThat(second.post("/v1/journal-entries/mine/reverse", Map.of("id", "steal")).status()).isEqualTo(404);
        assertThat(second.get("/v1/journal-entries").json().get("items")).isEmpty();
        assertThat(first.get("/v1/journal-entries/mine").status()).isEqualTo(200);
    }
}
