package io.shiftlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.shiftlab.report.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the time goes, operator by operator, on both sides of {@code bench/run}.
 *
 * <p>Reads two Chrome traces of the same workload on the same images: shiftlab's from libtorch's
 * own profiler ({@code Bench --only W --trace FILE}) and PyTorch's from {@code
 * torch.autograd.profiler} ({@code torch_bench.py --only W --trace FILE}). For each operator it
 * sums the <em>self</em> time: the duration of its calls minus the calls nested inside them, per
 * thread (an {@code aten::conv2d} that calls {@code aten::mkldnn_convolution} keeps only its own
 * overhead). Writes JSON for {@code bench/report.py}: the operators that take the most time on
 * either side, with both sides' milliseconds and call counts.
 *
 * <p>Usage: {@code OpProfile --shiftlab TRACE --pytorch TRACE --title T --workload TEXT --images N
 * [--top K] --out FILE}.
 */
public final class OpProfile {
  private OpProfile() {}

  /**
   * One operator's totals over a trace.
   *
   * @param selfMicros self time, microseconds
   * @param calls the number of calls
   */
  record Totals(double selfMicros, int calls) {}

  /**
   * One complete event ({@code "ph": "X"}) of a trace.
   *
   * @param thread process and thread id
   * @param name the operator
   * @param start start, microseconds
   * @param duration duration, microseconds
   */
  record Event(String thread, String name, double start, double duration) {}

  /**
   * Runs the comparison.
   *
   * @param args see the class comment
   * @throws IOException when a trace cannot be read or the output written
   */
  public static void main(String[] args) throws IOException {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i], args[i + 1]);
    }
    for (String required :
        List.of("--shiftlab", "--pytorch", "--title", "--workload", "--images", "--out")) {
      if (!a.containsKey(required)) {
        System.err.println("OpProfile: " + required + " is required");
        System.exit(2);
      }
    }
    Map<String, Totals> sl =
        selfTimes(events(Json.mapper().readTree(Path.of(a.get("--shiftlab")).toFile())));
    Map<String, Totals> pt =
        selfTimes(events(Json.mapper().readTree(Path.of(a.get("--pytorch")).toFile())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("title", a.get("--title"));
    out.put("workload", a.get("--workload"));
    out.put("images", Integer.parseInt(a.get("--images")));
    out.put("shiftlab_profiler", "libtorch profiler (DJL JniUtils.startProfile)");
    out.put("pytorch_profiler", "torch.autograd.profiler");
    out.put("shiftlab_total_ms", totalMillis(sl));
    out.put("pytorch_total_ms", totalMillis(pt));
    out.put("ops", top(sl, pt, Integer.parseInt(a.getOrDefault("--top", "12"))));
    Json.write(Path.of(a.get("--out")), out);
  }

  /**
   * The complete events of a Chrome trace, either a bare array of events (libtorch) or an object
   * with {@code traceEvents} (PyTorch).
   */
  static List<Event> events(JsonNode trace) {
    JsonNode list = trace.isArray() ? trace : trace.path("traceEvents");
    List<Event> out = new ArrayList<>();
    for (JsonNode e : list) {
      if ("X".equals(e.path("ph").asText()) && e.has("dur") && e.has("name")) {
        out.add(
            new Event(
                e.path("pid").asText() + "/" + e.path("tid").asText(),
                e.get("name").asText(),
                e.path("ts").asDouble(),
                e.get("dur").asDouble()));
      }
    }
    return out;
  }

  /**
   * Self time and call count per operator: on each thread, events in start order (the longer first
   * at equal starts), each one's duration taken off the innermost event that encloses it.
   */
  static Map<String, Totals> selfTimes(List<Event> events) {
    Map<String, List<Event>> byThread = new LinkedHashMap<>();
    for (Event e : events) {
      byThread.computeIfAbsent(e.thread(), k -> new ArrayList<>()).add(e);
    }
    Map<String, double[]> acc = new LinkedHashMap<>(); // name -> {self micros, calls}
    for (List<Event> list : byThread.values()) {
      list.sort(
          Comparator.comparingDouble(Event::start)
              .thenComparing(Comparator.comparingDouble(Event::duration).reversed()));
      Deque<Event> open = new ArrayDeque<>();
      for (Event e : list) {
        while (!open.isEmpty() && e.start() >= open.peek().start() + open.peek().duration()) {
          open.pop();
        }
        if (!open.isEmpty()) {
          acc.computeIfAbsent(open.peek().name(), k -> new double[2])[0] -= e.duration();
        }
        double[] t = acc.computeIfAbsent(e.name(), k -> new double[2]);
        t[0] += e.duration();
        t[1]++;
        open.push(e);
      }
    }
    Map<String, Totals> out = new LinkedHashMap<>();
    acc.forEach((k, v) -> out.put(k, new Totals(v[0], (int) v[1])));
    return out;
  }

  /** The {@code k} operators with the largest self time on either side, largest first. */
  static List<Map<String, Object>> top(Map<String, Totals> sl, Map<String, Totals> pt, int k) {
    Set<String> names = new LinkedHashSet<>(sl.keySet());
    names.addAll(pt.keySet());
    Totals none = new Totals(0, 0);
    return names.stream()
        .sorted(
            Comparator.comparingDouble(
                    (String n) ->
                        -Math.max(
                            sl.getOrDefault(n, none).selfMicros(),
                            pt.getOrDefault(n, none).selfMicros()))
                .thenComparing(n -> n))
        .limit(k)
        .map(
            n -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("op", n);
              row.put("shiftlab_ms", sl.getOrDefault(n, none).selfMicros() / 1000);
              row.put("shiftlab_calls", sl.getOrDefault(n, none).calls());
              row.put("pytorch_ms", pt.getOrDefault(n, none).selfMicros() / 1000);
              row.put("pytorch_calls", pt.getOrDefault(n, none).calls());
              return row;
            })
        .toList();
  }

  private static double totalMillis(Map<String, Totals> t) {
    return t.values().stream().mapToDouble(Totals::selfMicros).sum() / 1000;
  }
}
