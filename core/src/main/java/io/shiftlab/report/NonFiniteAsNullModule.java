package io.shiftlab.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Writes NaN and the infinities as JSON {@code null}, the one "no number" every JSON reader
 * (pandas, R's jsonlite, jq, a browser) takes without special options; reads {@code null} back as
 * NaN into {@code double} and {@code float} fields and arrays, so a missing value never turns into
 * a silent 0. A boxed {@code Double} reads {@code null} as null. Reading still accepts the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"} of files written before.
 */
final class NonFiniteAsNullModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  NonFiniteAsNullModule() {
    super("shiftlab-non-finite-as-null");
    addSerializer(Double.class, new DoubleOut());
    addSerializer(Double.TYPE, new DoubleOut());
    addSerializer(Float.class, new FloatOut());
    addSerializer(Float.TYPE, new FloatOut());
    addSerializer(
        double[].class, new ArrayOut<double[]>(a -> a.length, (g, a, i) -> number(g, a[i])));
    addSerializer(
        float[].class, new ArrayOut<float[]>(a -> a.length, (g, a, i) -> number(g, a[i])));
    addDeserializer(Double.TYPE, new DoubleIn());
    addDeserializer(Float.TYPE, new FloatIn());
    addDeserializer(double[].class, new DoublesIn());
    addDeserializer(float[].class, new FloatsIn());
  }

  private static void number(JsonGenerator g, double v) throws IOException {
    if (Double.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  private static void number(JsonGenerator g, float v) throws IOException {
    if (Float.isFinite(v)) {
      g.writeNumber(v);
    } else {
      g.writeNull();
    }
  }

  private static final class DoubleOut extends JsonSerializer<Double> {
    @Override
    public void serialize(Double v, JsonGenerator g, SerializerProvider p) throws IOException {
      number(g, v);
    }
  }

  private static final class FloatOut extends JsonSerializer<Float> {
    @Override
    public void serialize(Float v, JsonGenerator g, SerializerProvider p) throws IOException {
      number(g, v);
    }
  }

  /** Writes element {@code i} of an array. */
  private interface Element<A> {
    void write(JsonGenerator g, A array, int i) throws IOException;
  }

  /** A primitive array, element by element, each through {@link #number}. */
  private static final class ArrayOut<A> extends JsonSerializer<A> {
    private final ToIntFunction<A> length;
    private final Element<A> element;

    ArrayOut(ToIntFunction<A> length, Element<A> element) {
      this.length = length;
      this.element = element;
    }

    @Override
    public void serialize(A v, JsonGenerator g, SerializerProvider p) throws IOException {
      int n = length.applyAsInt(v);
      g.writeStartArray(v, n);
      for (int i = 0; i < n; i++) {
        element.write(g, v, i);
      }
      g.writeEndArray();
    }
  }

  /** A number, a non-numeric string such as "NaN", or null (NaN). */
  private static double readDouble(JsonParser p, DeserializationContext c) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return Double.NaN;
    }
    if (t == JsonToken.VALUE_STRING) {
      String s = p.getText().strip();
      return switch (s) {
        case "NaN" -> Double.NaN;
        case "Infinity", "+Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> {
          try {
            yield Double.parseDouble(s);
          } catch (NumberFormatException e) {
            yield (Double) c.handleWeirdStringValue(Double.TYPE, s, "not a number");
          }
        }
      };
    }
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    return (Double) c.handleUnexpectedToken(Double.TYPE, p);
  }

  private static final class DoubleIn extends JsonDeserializer<Double> {
    @Override
    public Double deserialize(JsonParser p, DeserializationContext c) throws IOException {
      return readDouble(p, c);
    }

    @Override
    public Double getNullValue(DeserializationContext c) {
      return Double.NaN;
    }
  }

  private static final class FloatIn extends JsonDeserializer<Float> {
    @Override
    public Float deserialize(JsonParser p, DeserializationContext c) throws IOException {
      return (float) readDouble(p, c);
    }

    @Override
    public Float getNullValue(DeserializationContext c) {
      return Float.NaN;
    }
  }

  private static List<Double> readArray(JsonParser p, DeserializationContext c) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      c.handleUnexpectedToken(double[].class, p);
    }
    List<Double> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      out.add(readDouble(p, c));
    }
    return out;
  }

  private static final class DoublesIn extends JsonDeserializer<double[]> {
    @Override
    public double[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
      return readArray(p, c).stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  private static final class FloatsIn extends JsonDeserializer<float[]> {
    @Override
    public float[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
      List<Double> v = readArray(p, c);
      float[] f = new float[v.size()];
      for (int i = 0; i < f.length; i++) {
        f[i] = v.get(i).floatValue();
      }
      return f;
    }
  }
}
