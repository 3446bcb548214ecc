package io.shiftlab.data;

import io.shiftlab.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a data set's classes map onto a model's logits, for a model trained with other classes (a
 * 1000-class ImageNet model probed on a folder of 10): {@code DATA=MODEL} pairs, where {@code DATA}
 * is the class's folder name (or its label number for other data sets) and {@code MODEL} the index
 * of the model's logit. Given as {@code --class-map cat=281,dog=207} or {@code --class-map @FILE}
 * with one pair per line ({@code #} starts a comment).
 *
 * @param pairs data class name to model logit index, in the order given
 */
public record ClassMap(Map<String, Integer> pairs) {
  /** Copies the pairs. */
  public ClassMap {
    pairs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
  }

  /**
   * Parses the option's value.
   *
   * @param option the option, named in errors
   * @param text {@code A=1,B=2} or {@code @FILE}
   * @return the map
   * @throws UserInputException naming the option (or the file) for a malformed pair or repeated
   *     class
   */
  public static ClassMap parse(String option, String text) {
    String subject = option;
    List<String> items = new ArrayList<>();
    if (text.startsWith("@")) {
      Path file = Path.of(text.substring(1));
      subject = file.toString();
      try {
        for (String line : Files.readAllLines(file)) {
          String l = line.replaceFirst("#.*", "").strip();
          if (!l.isEmpty()) {
            items.add(l);
          }
        }
      } catch (IOException e) {
        throw new UserInputException(subject, "cannot be read: " + e.getMessage());
      }
    } else {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          items.add(part.strip());
        }
      }
    }
    Map<String, Integer> pairs = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.lastIndexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new UserInputException(subject, "'" + item + "' is not DATA_CLASS=MODEL_INDEX");
      }
      String data = item.substring(0, eq).strip();
      int model;
      try {
        model = Integer.parseInt(item.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw new UserInputException(subject, "'" + item + "': the model index is not an integer");
      }
      if (pairs.put(data, model) != null) {
        throw new UserInputException(subject, "class '" + data + "' is mapped twice");
      }
    }
    if (pairs.isEmpty()) {
      throw new UserInputException(subject, "maps no class");
    }
    return new ClassMap(pairs);
  }

  /**
   * Relabels a test set for a model with {@code modelClasses} logits: every data class must be
   * mapped, onto an index the model has.
   *
   * @param option the option, named in errors
   * @param set the images, labelled by data class
   * @param names the data set's class names ({@link DataSplits#className})
   * @param modelClasses the model's number of logits
   * @return the images labelled by model logit
   */
  public ImageSet apply(String option, ImageSet set, DataSplits names, int modelClasses) {
    int[] map = new int[set.numClasses()];
    List<String> unmapped = new ArrayList<>();
    List<String> known = new ArrayList<>();
    for (int c = 0; c < map.length; c++) {
      String name = names.className(c);
      known.add(name);
      Integer m = pairs.get(name);
      if (m == null) {
        unmapped.add(name);
        continue;
      }
      if (m < 0 || m >= modelClasses) {
        throw new UserInputException(
            option,
            "class '" + name + "' maps to " + m + ", outside the model's 0.." + (modelClasses - 1));
      }
      map[c] = m;
    }
    for (String k : pairs.keySet()) {
      if (!known.contains(k)) {
        throw new UserInputException(
            option,
            "the data set has no class '" + k + "'; its classes are " + String.join(", ", known));
      }
    }
    if (!unmapped.isEmpty()) {
      throw new UserInputException(
          option, "classes " + String.join(", ", unmapped) + " of the data set are not mapped");
    }
    return set.relabel(map, modelClasses);
  }
}
