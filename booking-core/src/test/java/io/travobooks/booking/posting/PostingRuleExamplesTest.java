package io.travobooks.booking.posting;

import io.travobooks.spi.Outcome;
import io.travobooks.spi.ledger.EntryLine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PostingRuleExamplesTest {

    @Test
    void theDefaultRulesPostEveryExampleAndTheIssueAsTheGuideDoes() {
        for (CommissionRecognition recognition : CommissionRecognition.values()) {
            assertThat(PostingRuleExamples.check(PostingRuleTemplates.travelAgency(recognition))).isEmpty();
        }
        PostingRuleExamples.Example issue = PostingRuleExamples.standard().stream()
                .filter(e -> e.name().equals("issue paid agency")).findFirst().orElseThrow();
        List<List<EntryLine>> entries = ((Outcome.Ok<List<List<EntryLine>>>) PostingRuleTemplates.travelAgency()
                .linesFor(issue.key(), issue.facts())).value();
        // The guide's issue: the customer owes 55,150, BSP gets 51,200, the agency 2,800 + 1,000 + 150 VAT.
        assertThat(entries.getFirst()).extracting(line -> line.account().value() + " " + line.side() + " "
                + line.amount().toDecimal().toPlainString()).containsExactlyInAnyOrder("1100 DEBIT 55150.00",
                "2100 CREDIT 51200.00", "4100 CREDIT 2800.00", "4300 CREDIT 1000.00", "2300 CREDIT 150.00");
    }

    @Test
    void rulesThatCannotPostAnExampleAreNamedByIt() {
        List<PostingRule> rules = new ArrayList<>(PostingRuleTemplates.travelAgency().rules());
        rules.removeIf(rule -> rule.event() == PostingEventType.EMD);
        // A refund rule that forgot the recalled commission leaves the entry unbalanced.
        PostingRule refund = rules.stream().filter(rule -> rule.event() == PostingEventType.REFUND).findFirst()
                .orElseThrow();
        rules.set(rules.indexOf(refund), new PostingRule(PostingEventType.REFUND, refund.channels(),
                refund.payments(), refund.models(), List.of(refund.entries().getFirst().stream()
                .filter(line -> !line.amount().equals(PostingAmount.COMMISSION_RECALLED)).toList())));

        List<PostingRuleExamples.Failure> failures = PostingRuleExamples.check(new PostingRules(rules));

        assertThat(failures).extracting(PostingRuleExamples.Failure::example).containsExactlyInAnyOrder("EMD",
                "refund");
        assertThat(failures).filteredOn(f -> f.example().equals("refund")).first()
                .extracting(PostingRuleExamples.Failure::reason).asString().contains("unbalanced");
        assertThat(Set.copyOf(PostingRuleExamples.standard().stream().map(e -> e.key().event()).toList()))
                .as("every event but TRAVEL (posted only when commission waits for travel)")
                .hasSize(PostingEventType.values().length - 1);
    }
}
