package io.shiftlab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.shiftlab.TestData;
import io.shiftlab.data.ImageSet;
import io.shiftlab.data.synthetic.GridTask;
import io.shiftlab.data.synthetic.LocationGrid;
import io.shiftlab.experiment.PositionChannelsExperiment.Result;
import io.shiftlab.nn.InputShape;
import io.shiftlab.nn.Network;
import io.shiftlab.nn.PaddingMode;
import io.shiftlab.nn.zoo.LocationGridModels;
import io.shiftlab.nn.zoo.ModelCatalog;
import io.shiftlab.probe.BackboneProbe;
import io.shiftlab.probe.ChannelRanking;
import io.shiftlab.train.TrainingListener;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A smoke-budget position-channels run on synthetic tiles. */
class PositionChannelsExperimentTest {
  @TempDir Path dir;

  @Test
  void smokeRunWritesTheReport() throws Exception {
    PositionChannelsExperiment.Budget b = PositionChannelsExperiment.budget(BudgetLevel.SMOKE);
    Result r =
        PositionChannelsExperiment.run(
            b,
            1,
            TestData.squares("train", 120, 10, 1),
            TestData.squares("val", 40, 10, 2),
            TestData.squares("test", 60, 10, 3),
            dir,
            label -> TrainingListener.NONE);
    PositionChannelsReport.write(r, dir);
    for (String f :
        List.of(
            "results.md",
            "results.csv",
            "results.json",
            PositionChannelsReport.RANKING + ".png",
            PositionChannelsReport.RANKING + ".svg",
            PositionChannelsReport.ATTACK + ".png",
            PositionChannelsReport.ATTACK + ".svg")) {
      assertThat(dir.resolve(f)).as(f).isNotEmptyFile();
    }
    assertThat(r.location().attacks()).hasSize(4);
    assertThat(r.location().attack(8).random()).hasSize(b.draws());
    for (int[] ranking : r.location().rankings()) {
      assertThat(ranking).hasSize(32).doesNotHaveDuplicates();
    }
    // 2 models x (baseline + 4 N x (3 rankings + random))
    Outcome o = PositionChannelsReport.outcome(new PositionChannelsExperiment(), r, 1.0);
    assertThat(o.table().rows()).hasSize(2 * (1 + 4 * 4));
    assertThat(o.checks()).hasSize(2);
  }

  @Test
  void maskingTheBackboneMapLeavesTheModelUnchanged() {
    ImageSet canvas =
        new LocationGrid(3, 28)
            .everyCell("x", TestData.squares("x", 2, 10, 9), GridTask.LOCATION)
            .images();
    try (Network net =
        Network.create(
            ModelCatalog.get(LocationGridModels.gapNetName(PaddingMode.ZERO)),
            new InputShape(1, 84, 84),
            9,
            3)) {
      float[] before = params(net);
      List<float[]> out =
          BackboneProbe.headLogits(
              net, canvas, Arrays.asList(null, ChannelRanking.zeroMask(32, new int[] {0, 1, 2})));
      assertThat(out.get(1)).isNotEqualTo(out.get(0));
      assertThat(params(net)).containsExactly(before);
      float[] again = BackboneProbe.headLogits(net, canvas, Arrays.asList((float[]) null)).get(0);
      assertThat(again).containsExactly(out.get(0));
    }
  }

  private static float[] params(Network net) {
    var p = net.block().getParameters();
    int n = 0;
    for (var e : p) {
      n += (int) e.getValue().getArray().size();
    }
    float[] out = new float[n];
    int o = 0;
    for (var e : p) {
      float[] v = e.getValue().getArray().toFloatArray();
      System.arraycopy(v, 0, out, o, v.length);
      o += v.length;
    }
    return out;
  }
}
