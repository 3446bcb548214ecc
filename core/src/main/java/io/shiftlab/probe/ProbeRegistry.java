package io.shiftlab.probe;

import io.shiftlab.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The probes {@code shiftlab probe} can run, by name, in the order they are listed. */
public final class ProbeRegistry {
  private static final Map<String, Probe<?>> PROBES = new LinkedHashMap<>();

  static {
    for (Probe<?> p :
        List.<Probe<?>>of(
            new SweepProbe(),
            new ConsistencyProbe(),
            new StabilityProbe(),
            new EquivarianceProbe(),
            new EffectiveRfProbe(),
            new BorderDistanceProbe(),
            new ReadoutProbe())) {
      PROBES.put(p.name(), p);
    }
  }

  private ProbeRegistry() {}

  /** Every probe, in listing order. */
  public static List<Probe<?>> all() {
    return List.copyOf(PROBES.values());
  }

  /** The probe names, in listing order. */
  public static List<String> names() {
    return List.copyOf(PROBES.keySet());
  }

  /**
   * Resolves a comma-separated list of probe names.
   *
   * @param option the option that named them, for the error message
   * @param csv e.g. {@code sweep,consistency}
   * @return the probes, in the order given, without repeats
   */
  public static List<Probe<?>> parse(String option, String csv) {
    List<Probe<?>> out = new ArrayList<>();
    for (String raw : csv.split(",")) {
      String name = raw.trim();
      if (name.isEmpty()) {
        continue;
      }
      Probe<?> p = PROBES.get(name);
      if (p == null) {
        throw new UserInputException(
            option, "unknown probe '" + name + "'; choose from " + String.join(", ", names()));
      }
      if (!out.contains(p)) {
        out.add(p);
      }
    }
    if (out.isEmpty()) {
      throw new UserInputException(
          option, "names no probe; choose from " + String.join(", ", names()));
    }
    return out;
  }
}
