package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shiftlab.report.Column;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Estimate;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
  static Check held(String s) {
    return new Check(s, true, "ok");
  }

  static Check failed(String s) {
    return new Check(s, false, "no");
  }

  @Test
  void ruleGivesReproducedPartlyOrNot() {
    assertThat(Verdict.of(List.of(held("a"), held("b")))).isEqualTo(Verdict.REPRODUCED);
    assertThat(Verdict.of(List.of(held("a"), failed("b")))).isEqualTo(Verdict.PARTLY);
    assertThat(Verdict.of(List.of(failed("a"), failed("b")))).isEqualTo(Verdict.NOT_REPRODUCED);
    assertThatThrownBy(() -> Verdict.of(List.of())).hasMessageContaining("at least one check");
  }

  static Check undecided(String s) {
    return Check.decide(s, new Estimate(1, -1, 3, 3, "test"), Threshold.above(0), 1, "");
  }

  @Test
  void undecidedChecksMakeAnInconclusiveVerdictUnlessOneIsRefuted() {
    assertThat(Verdict.of(List.of(held("a"), undecided("b")))).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.of(List.of(undecided("a")))).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(Verdict.of(List.of(held("a"), undecided("b"), failed("c"))))
        .isEqualTo(Verdict.PARTLY);
    assertThat(Verdict.of(List.of(undecided("b"), failed("c")))).isEqualTo(Verdict.NOT_REPRODUCED);
  }

  @Test
  void aStatisticalCheckShowsItsIntervalMethodAndClaim() {
    Check c =
        Check.decide(
            "gap > 0",
            new Estimate(2, 0.5, 3.5, 3, "t over 3 seeds"),
            Threshold.above(0),
            1,
            "n=3");
    assertThat(c.decision()).isEqualTo(Decision.HELD);
    assertThat(c.line())
        .isEqualTo(
            "held: gap > 0 — 2.0 [0.5, 3.5] (95% interval, t over 3 seeds; claim > 0.0); n=3");
    assertThat(undecided("x").line()).startsWith("inconclusive: x — 1.0 [-1.0, 3.0]");
  }

  @Test
  void checkLineSaysWhetherItHeld() {
    assertThat(new Check("x > y", true, "3 vs 2").line()).isEqualTo("held: x > y — 3 vs 2");
    assertThat(new Check("x > y", false, "1 vs 2").line())
        .isEqualTo("did NOT hold: x > y — 1 vs 2");
  }

  @Test
  void outcomeRefusesAVerdictTheChecksDoNotGive() {
    Table t = Table.builder(Column.text("a")).row("1").build();
    assertThatThrownBy(
            () ->
                new Outcome(
                    "e",
                    "card",
                    "claim",
                    "setup",
                    Outcome.TableData.of(t),
                    List.of(),
                    List.of(failed("a")),
                    Verdict.REPRODUCED,
                    List.of(),
                    1,
                    null,
                    List.of()))
        .hasMessageContaining("does not follow");
  }

  @Test
  void budgetLevelParsesWithTheChoicesInTheError() {
    assertThat(BudgetLevel.parse("--budget", "Quick")).isEqualTo(BudgetLevel.QUICK);
    assertThatThrownBy(() -> BudgetLevel.parse("--budget", "huge"))
        .hasMessage("--budget: unknown budget 'huge'; choose smoke, quick, full or paper");
  }

  @Test
  void registryListsUniqueNamesAndRejectsUnknownOnes() {
    List<String> names = Experiments.names();
    assertThat(names).doesNotHaveDuplicates().contains("shifted-digits", "patch-location");
    assertThatThrownBy(() -> Experiments.get("EXPERIMENT", "nope"))
        .hasMessageStartingWith("EXPERIMENT: unknown experiment 'nope'; choose one of ");
  }
}
