package io.shiftlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every CSV that {@code reproduce} writes (all ten experiments at the smoke budget, with their
 * probes and training runs) reads with plain parsing, as pandas would: snake_case headers, and each
 * column either all numbers ({@code Double.parseDouble}, finite) or labels, with no display text
 * such as {@code 93.5 ± 1.2}, {@code 3/4}, {@code 3 of 4}, a percent sign or {@code NaN} in a
 * label.
 */
class TidyCsvTest {
  @TempDir Path tmp;

  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DISPLAY =
      Pattern.compile("[±%]|\\d\\s*/\\s*\\d|\\d of \\d|NaN|Infinity");

  @Test
  void everyCsvOfEveryExperimentReadsWithPlainParsing() throws IOException {
    Path data = IdxFixture.write(tmp.resolve("idx"), 300, 80, 5);
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.smoke(null, data, tmp.resolve("store"), out, "--quiet");
    assertThat(r.code()).as(r.describe()).isZero();
    List<Path> files;
    try (Stream<Path> s = Files.walk(out)) {
      files = s.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(30);
    List<String> problems = new ArrayList<>();
    for (Path f : files) {
      List<List<String>> rows = parse(Files.readString(f));
      List<String> header = rows.get(0);
      for (String k : header) {
        if (!KEY.matcher(k).matches()) {
          problems.add(out.relativize(f) + ": header '" + k + "' is not snake_case");
        }
      }
      for (int c = 0; c < header.size(); c++) {
        for (List<String> row : rows.subList(1, rows.size())) {
          assertThat(row).as("%s: a row of %d fields", f, row.size()).hasSameSizeAs(header);
          String v = row.get(c);
          if (v.isEmpty() || isNumber(v)) {
            continue;
          }
          if (DISPLAY.matcher(v).find()) {
            problems.add(
                out.relativize(f) + ": " + header.get(c) + " holds display text '" + v + "'");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static boolean isNumber(String v) {
    try {
      return Double.isFinite(Double.parseDouble(v));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; CRLF ends a record.
   */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (ch == '\r' || ch == '\n') {
        if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else {
        field.append(ch);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
