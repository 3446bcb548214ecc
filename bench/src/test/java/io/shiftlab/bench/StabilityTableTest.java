package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.experiment.Check;
import io.shiftlab.experiment.Outcome;
import io.shiftlab.experiment.Threshold;
import io.shiftlab.experiment.Verdict;
import io.shiftlab.report.Column;
import io.shiftlab.report.Table;
import io.shiftlab.stats.Estimate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stability table on hand-made outcomes: which rows agree and the counts below it. */
class StabilityTableTest {
  private static Outcome outcome(List<Check> checks) {
    return outcome(checks, List.of());
  }

  private static Outcome outcome(List<Check> checks, List<Check> ownHypotheses) {
    Table t = Table.builder(Column.text("x")).row("1").build();
    return new Outcome(
        "e",
        "card",
        "claim",
        "setup",
        Outcome.TableData.of(t),
        List.of(),
        checks,
        Verdict.of(checks),
        List.of(),
        1,
        "quick",
        ownHypotheses);
  }

  private static Check decided(double lo) {
    return Check.decide(
        "gap > 0", new Estimate(lo + 1, lo, lo + 2, 2, "hand"), Threshold.above(0), 1, "");
  }

  @Test
  void aCheckThatFlipsMakesItsRowAndTheVerdictUnstable() {
    Check exact = new Check("exact", true, "bit-identical");
    Map<String, Map<String, Outcome>> runs = new LinkedHashMap<>();
    runs.put("t1", Map.of("e", outcome(List.of(exact, decided(0.5)))));
    runs.put("t2", Map.of("e", outcome(List.of(exact, decided(-0.5)))));
    String md = StabilityTable.markdown(runs);
    assertThat(md)
        .contains("| **e** | **verdict** | reproduced | inconclusive | **no** |")
        .contains("| e | exact | held | held | yes |")
        .contains(
            "| e | gap > 0 | held 1.50 [0.50, 2.50] | inconclusive 0.50 [-0.50, 1.50] | **no** |")
        .contains("0 of 1 verdicts and 1 of 2 check decisions are the same in every setup.");
  }

  @Test
  void ourOwnHypothesesGetMarkedRowsAndLeaveTheVerdictAlone() {
    Check exact = new Check("exact", true, "bit-identical");
    Map<String, Map<String, Outcome>> runs = new LinkedHashMap<>();
    runs.put("t1", Map.of("e", outcome(List.of(exact), List.of(decided(0.5)))));
    runs.put("t2", Map.of("e", outcome(List.of(exact), List.of(decided(-3)))));
    String md = StabilityTable.markdown(runs);
    assertThat(md)
        .contains("| **e** | **verdict** | reproduced | reproduced | yes |")
        .contains("| e | exact | held | held | yes |")
        .contains(
            "| e | (ours, not in the verdict) gap > 0 | held 1.50 [0.50, 2.50] | not held -2.00"
                + " [-3.00, -1.00] | **no** |")
        .contains(
            "1 of 1 verdicts and 1 of 1 check decisions are the same in every setup; of our own"
                + " hypotheses (the rows marked \"(ours, not in the verdict)\"), 0 of 1 is the same.");
  }

  @Test
  void aStatisticalCellShowsTheEffectWithThreeDecimalsWhenItsIntervalLiesWithinOne() {
    Check small =
        Check.decide(
            "spc = 0",
            new Estimate(-0.017, -0.063, 0.03, 5, "hand"),
            Threshold.within(0, 0.1),
            2,
            "");
    assertThat(StabilityTable.cell(small)).isEqualTo("held -0.017 [-0.063, 0.030]");
    assertThat(StabilityTable.cell(new Check("exact", false, "no"))).isEqualTo("not held");
  }

  @Test
  void oneSetupListsItsDecisionsAndComparesNothing() {
    Map<String, Map<String, Outcome>> runs = new LinkedHashMap<>();
    runs.put("t2", Map.of("e", outcome(List.of(new Check("exact", true, "1"), decided(0.5)))));
    assertThat(StabilityTable.markdown(runs))
        .startsWith("| experiment | check | t2 |\n|:--|:--|--:|\n")
        .contains("| **e** | **verdict** | reproduced |\n")
        .contains("| e | gap > 0 | held 1.50 [0.50, 2.50] |\n")
        .doesNotContain("same in all")
        .endsWith(
            "1 verdict, 2 check decisions and 0 decisions on our own hypotheses, of one setup;"
                + " nothing compared.\n");
  }

  @Test
  void aMissingExperimentIsShownAsMissing() {
    Map<String, Map<String, Outcome>> runs = new LinkedHashMap<>();
    runs.put("a", Map.of("e", outcome(List.of(new Check("x", true, "1")))));
    runs.put("b", Map.of());
    assertThat(StabilityTable.markdown(runs))
        .contains("| **e** | **verdict** | reproduced | missing | **no** |");
  }
}
