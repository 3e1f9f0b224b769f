package io.travobooks.client;

import io.travobooks.client.generated.ApiResponse;
import io.travobooks.client.generated.model.Account;
import io.travobooks.client.generated.model.AccountPage;
import io.travobooks.client.generated.model.EntryFields;
import io.travobooks.client.generated.model.NewLine;
import io.travobooks.client.generated.model.PostingResult;
import io.travobooks.client.generated.model.Side;
import io.travobooks.client.generated.model.TrialBalance;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generated client and its facade against a real server on the embedded default, over a real socket. */
class TravoClientTest extends ServerTest {
    @Override
    protected String tenant() {
        return "sdk-agency";
    }

    private static EntryFields entry(String id, long amountMinor) {
        return new EntryFields().id(id).effectiveDate(LocalDate.of(2026, 3, 10)).lines(List.of(
                new NewLine().account("1100").side(Side.DEBIT).amountMinor(amountMinor).currency("BDT"),
                new NewLine().account("4300").side(Side.CREDIT).amountMinor(amountMinor).currency("BDT")));
    }

    @Test
    void theCredentialNamesItsTenant() {
        assertThat(TravoClient.call(() -> client.meta().whoAmI()).getTenant()).isEqualTo("sdk-agency");
    }

    @Test
    void anEntryPostedTwiceUnderOneKeyIsPostedOnceAndTheTrialBalanceShowsIt() {
        String key = TravoClient.newIdempotencyKey();
        EntryFields sale = entry("sdk-sale-1", 125_000);
        ApiResponse<PostingResult> first = TravoClient.call(() -> client.journal()
                .postJournalEntryWithHttpInfo(key, sale));
        ApiResponse<PostingResult> again = TravoClient.call(() -> client.journal()
                .postJournalEntryWithHttpInfo(key, sale));
        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(again.getHeaders()).containsEntry("idempotent-replayed", List.of("true"));
        assertThat(again.getData().getSeq()).isEqualTo(first.getData().getSeq());

        TrialBalance balance = TravoClient.call(() -> client.reports().getTrialBalance(null));
        var taka = balance.getCurrencies().stream().filter(c -> c.getCurrency().equals("BDT")).findFirst()
                .orElseThrow();
        assertThat(taka.getTotalDebitMinor()).isEqualTo(taka.getTotalCreditMinor()).isGreaterThanOrEqualTo(125_000);
    }

    @Test
    void anUnbalancedEntryIsAProblemWithTheLibrarysCode() {
        EntryFields unbalanced = entry("sdk-unbalanced", 100);
        unbalanced.getLines().get(1).amountMinor(99L);
        assertThatThrownBy(() -> TravoClient.call(() -> client.journal()
                .postJournalEntry(TravoClient.newIdempotencyKey(), unbalanced)))
                .isInstanceOfSatisfying(TravoProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.code()).isEqualTo("LEDGER_UNBALANCED");
                });
    }

    @Test
    void aRequestTheContractRefusesNamesTheField() {
        EntryFields noLines = new EntryFields().id("sdk-empty").effectiveDate(LocalDate.of(2026, 3, 10))
                .lines(List.of());
        assertThatThrownBy(() -> TravoClient.call(() -> client.journal()
                .postJournalEntry(TravoClient.newIdempotencyKey(), noLines)))
                .isInstanceOfSatisfying(TravoProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.code()).isEqualTo("INVALID_REQUEST");
                    assertThat(problem.errors()).extracting(TravoProblem.FieldError::field).contains("/lines");
                });
    }

    @Test
    void everyAccountComesThroughThePagesInOrder() {
        List<String> oneByTwo = Pages.all(cursor -> client.accounts().listAccounts(2, cursor, null, null),
                AccountPage::getItems, AccountPage::getNextCursor).map(Account::getCode).toList();
        AccountPage whole = TravoClient.call(() -> client.accounts().listAccounts(200, null, null, null));
        assertThat(whole.getNextCursor()).as("the whole chart on one page").isNull();
        List<String> atOnce = whole.getItems().stream().map(Account::getCode).toList();
        assertThat(atOnce).hasSizeGreaterThan(4); // the chart a tenant starts with: several pages of two
        assertThat(oneByTwo).isEqualTo(atOnce);
    }

    @Test
    void aWrongKeyIsUnauthorized() {
        try (TravoClient stranger = TravoClient.connect(URI.create(server.url() + "/"), "tb_wrong")) {
            assertThatThrownBy(() -> TravoClient.call(() -> stranger.meta().whoAmI()))
                    .isInstanceOfSatisfying(TravoProblem.class, problem -> {
                        assertThat(problem.status()).isEqualTo(401);
                        assertThat(problem.code()).isEqualTo("UNAUTHENTICATED");
                    });
        }
    }
}
