package io.shiftlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file contents for tests. */
final class IdxBytes {
  private IdxBytes() {}

  /** An IDX file with the given type byte, dimensions and body. */
  static byte[] idx(int type, int[] dims, byte[] body) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(body);
    return b.array();
  }

  /** An unsigned-byte image file of n images of rows x cols. */
  static byte[] images(int n, int rows, int cols, byte[] body) {
    return idx(0x08, new int[] {n, rows, cols}, body);
  }

  /** An unsigned-byte label file. */
  static byte[] labels(int... labels) {
    byte[] body = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      body[i] = (byte) labels[i];
    }
    return idx(0x08, new int[] {labels.length}, body);
  }

  /** The bytes of values 0..255 given as ints. */
  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] gzip(byte[] plain) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(plain);
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
