package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyOptionsTest {
  private static final Path CSV = Path.of("bench/results/x.csv");

  @Test
  void defaultsThenEveryCommonOptionAndTheStudysOwn() {
    StudyOptions d = StudyOptions.parse(new String[0], CSV, 3, 2, Set.of());
    assertThat(d.quick()).isFalse();
    assertThat(d.chartOnly()).isFalse();
    assertThat(d.threads()).isZero();
    assertThat(d.seeds()).isEqualTo(3);
    assertThat(d.csv()).isEqualTo(CSV);
    assertThat(d.md()).isNull();
    assertThat(d.img()).isEqualTo(Path.of("docs/img"));
    assertThat(d.work()).isNull();

    StudyOptions o =
        StudyOptions.parse(
            new String[] {
              "--quick", "--chart-only", "--threads", "2", "--seeds", "5", "--csv", "a.csv",
              "--md", "a.md", "--img", "img", "--work", "w", "--only", "budget"
            },
            CSV,
            3,
            2,
            Set.of("--only"));
    assertThat(o.quick()).isTrue();
    assertThat(o.chartOnly()).isTrue();
    assertThat(o.threads()).isEqualTo(2);
    assertThat(o.seeds()).isEqualTo(5);
    assertThat(o.csv()).isEqualTo(Path.of("a.csv"));
    assertThat(o.md()).isEqualTo(Path.of("a.md"));
    assertThat(o.img()).isEqualTo(Path.of("img"));
    assertThat(o.work()).isEqualTo(Path.of("w"));
    assertThat(o.extra()).isEqualTo(Map.of("--only", "budget"));
  }

  @Test
  void refusesAnUnknownOptionAValuelessOwnOptionAndTooFewSeeds() {
    assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--bogus"}, CSV, 3, 2, Set.of()))
        .hasMessage("unknown option --bogus");
    assertThatThrownBy(
            () -> StudyOptions.parse(new String[] {"--only"}, CSV, 3, 2, Set.of("--only")))
        .hasMessage("unknown option --only");
    assertThatThrownBy(() -> StudyOptions.parse(new String[] {"--seeds", "1"}, CSV, 3, 2, Set.of()))
        .hasMessage("--seeds must be at least 2");
  }

  @Test
  void theShiftedDigitsStudyReadsItsCsvBack(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("s.csv");
    Files.writeString(
        csv,
        "series,augment,max_train,epochs_cap,patience,learning_rate,seeds,epochs_run,"
            + "image_epochs,clean,shift,drop_pts,drop_lo,drop_hi,seconds\n"
            + "\"images\",keras,1000,15,5,0.001,3,15.00,15000,0.9200,0.8007,11.93,9.87,14.00,33\n"
            + "\"paper schedule\",keras,3500,100,10,1.0E-4,3,81.67,285833,0.9530,0.9003,5.27,4.17,"
            + "6.33,402\n");
    var outcomes = ShiftedDigitsStudy.readCsv(csv);
    assertThat(outcomes).hasSize(2);
    var images = outcomes.get(0);
    assertThat(images.config().series()).isEqualTo("images");
    assertThat(images.config().maxTrain()).isEqualTo(1000);
    assertThat(images.drop().value()).isEqualTo(11.93);
    assertThat(images.drop().lo()).isEqualTo(9.87);
    assertThat(images.drop().hi()).isEqualTo(14.00);
    var paper = outcomes.get(1);
    assertThat(paper.config().maxTrain()).as("3500 is every image: 0").isZero();
    assertThat(paper.config().learningRate()).isEqualTo(1e-4f);
    assertThat(paper.config().patience()).isEqualTo(10);
    assertThat(paper.epochsRun()).isEqualTo(81.67);
    assertThat(paper.imageEpochs()).isEqualTo(285833);
  }
}
