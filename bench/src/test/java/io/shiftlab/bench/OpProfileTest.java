package io.shiftlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.report.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpProfileTest {
  /**
   * Thread 1: conv2d [0, 10) encloses mkldnn [1, 9), which encloses empty [2, 3); then relu [10,
   * 14) starts exactly where conv2d ends, so it is not nested. Thread 2: an mkldnn call [0, 5) that
   * overlaps thread 1 in time but belongs to no enclosing call there. Self times by hand: conv2d 10
   * - 8 = 2; mkldnn 8 - 1 + 5 = 12 over 2 calls; empty 1; relu 4.
   */
  private static final String LIBTORCH_TRACE =
      "[{\"name\":\"aten::mkldnn\",\"ph\":\"X\",\"ts\":1,\"dur\":8,\"pid\":\"CPU\",\"tid\":1},"
          + "{\"name\":\"aten::conv2d\",\"ph\":\"X\",\"ts\":0,\"dur\":10,\"pid\":\"CPU\",\"tid\":1},"
          + "{\"name\":\"aten::empty\",\"ph\":\"X\",\"ts\":2,\"dur\":1,\"pid\":\"CPU\",\"tid\":1},"
          + "{\"name\":\"aten::relu\",\"ph\":\"X\",\"ts\":10,\"dur\":4,\"pid\":\"CPU\",\"tid\":1},"
          + "{\"name\":\"aten::mkldnn\",\"ph\":\"X\",\"ts\":0,\"dur\":5,\"pid\":\"CPU\",\"tid\":2},"
          + "{\"name\":\"flow\",\"ph\":\"s\",\"ts\":0,\"pid\":\"CPU\",\"tid\":1}]";

  @Test
  void selfTimeIsDurationMinusNestedCallsPerThread() throws Exception {
    Map<String, OpProfile.Totals> t =
        OpProfile.selfTimes(OpProfile.events(Json.mapper().readTree(LIBTORCH_TRACE)));
    assertThat(t.get("aten::conv2d")).isEqualTo(new OpProfile.Totals(2, 1));
    assertThat(t.get("aten::mkldnn")).isEqualTo(new OpProfile.Totals(12, 2));
    assertThat(t.get("aten::empty")).isEqualTo(new OpProfile.Totals(1, 1));
    assertThat(t.get("aten::relu")).isEqualTo(new OpProfile.Totals(4, 1));
    assertThat(t).doesNotContainKey("flow"); // not a complete event
    // self times add up to the busy time of each thread: 14 + 5
    assertThat(t.values().stream().mapToDouble(OpProfile.Totals::selfMicros).sum()).isEqualTo(19);
  }

  @Test
  void readsPytorchsObjectFormAndRanksBothSides(@TempDir Path dir) throws Exception {
    Path sl = dir.resolve("sl.json");
    Path pt = dir.resolve("pt.json");
    Files.writeString(sl, LIBTORCH_TRACE);
    Files.writeString(
        pt,
        "{\"traceEvents\":[{\"name\":\"aten::relu\",\"ph\":\"X\",\"ts\":0,\"dur\":30,\"pid\":7,"
            + "\"tid\":7},{\"name\":\"aten::mkldnn\",\"ph\":\"X\",\"ts\":40,\"dur\":6,\"pid\":7,"
            + "\"tid\":7}]}");
    Path out = dir.resolve("ops.json");
    OpProfile.main(
        new String[] {
          "--shiftlab",
          sl.toString(),
          "--pytorch",
          pt.toString(),
          "--title",
          "T",
          "--workload",
          "W",
          "--images",
          "10",
          "--top",
          "2",
          "--out",
          out.toString()
        });
    JsonNode o = Json.mapper().readTree(out.toFile());
    assertThat(o.get("shiftlab_total_ms").asDouble()).isCloseTo(0.019, within(1e-12));
    assertThat(o.get("pytorch_total_ms").asDouble()).isCloseTo(0.036, within(1e-12));
    JsonNode ops = o.get("ops");
    // ranked by the larger side: relu (PyTorch 30 us), then mkldnn (shiftlab 12 us)
    assertThat(ops).hasSize(2);
    assertThat(ops.get(0).get("op").asText()).isEqualTo("aten::relu");
    assertThat(ops.get(0).get("pytorch_ms").asDouble()).isCloseTo(0.030, within(1e-12));
    assertThat(ops.get(0).get("shiftlab_calls").asInt()).isEqualTo(1);
    assertThat(ops.get(1).get("op").asText()).isEqualTo("aten::mkldnn");
    assertThat(ops.get(1).get("shiftlab_ms").asDouble()).isCloseTo(0.012, within(1e-12));
    assertThat(List.of(o.get("title").asText(), o.get("images").asInt())).containsExactly("T", 10);
  }
}
