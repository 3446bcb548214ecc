package io.shiftlab.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.shiftlab.UserInputException;
import io.shiftlab.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parameters of a model on disk: a small self-describing header followed by DJL's own parameter
 * stream ({@link Block#saveParameters}).
 *
 * <p>DJL's loader takes each parameter's shape from the file and never compares it with the model,
 * so loading the wrong file "succeeds" and fails later, far from the cause. The header lists the
 * model name and every parameter's path and shape; {@link #load} checks them against the block
 * before handing the stream to DJL, and rejects a file that is not of this format, truncated, or
 * followed by trailing bytes. Every failure is a one-line {@link UserInputException} naming the
 * file.
 */
public final class ParameterFile {
  private static final byte[] MAGIC = "SHIFTLAB-PARAMS\n".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

  private ParameterFile() {}

  /**
   * Saves the parameters of an initialised block atomically.
   *
   * @param path the file to write
   * @param modelName the catalog name of the model
   * @param block the block
   */
  public static void save(Path path, String modelName, Block block) {
    AtomicFiles.write(path, os -> write(os, modelName, block));
  }

  /**
   * Serialises the parameters of an initialised block into bytes (e.g. to keep the best epoch in
   * memory).
   *
   * @param modelName the catalog name of the model
   * @param block the block
   * @return the bytes of a parameter file
   */
  public static byte[] toBytes(String modelName, Block block) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      write(bytes, modelName, block);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Writes the parameter file format to a stream.
   *
   * @param os the stream
   * @param modelName the catalog name of the model
   * @param block the block
   * @throws IOException on write failure
   */
  public static void write(OutputStream os, String modelName, Block block) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeUTF(modelName);
    List<Pair<String, Shape>> shapes = shapes(block);
    out.writeInt(shapes.size());
    for (Pair<String, Shape> s : shapes) {
      out.writeUTF(s.getKey());
      long[] dims = s.getValue().getShape();
      out.writeInt(dims.length);
      for (long d : dims) {
        out.writeLong(d);
      }
    }
    block.saveParameters(out);
    out.flush();
  }

  /**
   * Loads parameters into an initialised block, after checking that the file was written for a
   * model of the same name and the same parameter shapes.
   *
   * @param path the file to read
   * @param modelName the catalog name the block was built from
   * @param block the initialised block
   * @param manager the manager the loaded arrays are attached to
   * @throws UserInputException if the file is missing, not a shiftlab parameter file, truncated, or
   *     does not match the model
   */
  public static void load(Path path, String modelName, Block block, NDManager manager) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
      read(in, path.toString(), modelName, block, manager);
    } catch (NoSuchFileException e) {
      throw new UserInputException(path.toString(), "no such file");
    } catch (IOException e) {
      throw new UserInputException(path.toString(), "cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the parameter file format from a stream into an initialised block, with the checks of
   * {@link #load}.
   *
   * @param stream the stream
   * @param where the file name for error messages
   * @param modelName the catalog name the block was built from
   * @param block the initialised block
   * @param manager the manager the loaded arrays are attached to
   */
  public static void read(
      InputStream stream, String where, String modelName, Block block, NDManager manager) {
    try {
      DataInputStream in = new DataInputStream(stream);
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new UserInputException(where, "not a shiftlab parameter file (bad magic)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new UserInputException(where, "unsupported parameter file version " + version);
      }
      String fileModel = in.readUTF();
      if (!fileModel.equals(modelName)) {
        throw new UserInputException(
            where, "holds parameters of model '" + fileModel + "', not '" + modelName + "'");
      }
      List<Pair<String, Shape>> expected = shapes(block);
      int n = in.readInt();
      if (n != expected.size()) {
        throw new UserInputException(
            where, "holds " + n + " parameters, the model has " + expected.size());
      }
      for (Pair<String, Shape> e : expected) {
        String name = in.readUTF();
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
          throw new UserInputException(where, "corrupt header (rank " + rank + ")");
        }
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
          dims[i] = in.readLong();
        }
        Shape shape = new Shape(dims);
        if (!name.equals(e.getKey()) || !shape.equals(e.getValue())) {
          throw new UserInputException(
              where,
              "parameter "
                  + name
                  + " "
                  + shape
                  + " does not match the model's "
                  + e.getKey()
                  + " "
                  + e.getValue());
        }
      }
      block.loadParameters(manager, in);
      // DJL's Parameter.load replaces the array without the requires-gradient flag that
      // initialisation set; without it a resumed run would silently stop learning.
      for (Pair<String, Parameter> p : block.getParameters()) {
        if (p.getValue().requiresGradient()) {
          p.getValue().getArray().setRequiresGradient(true);
        }
      }
      if (in.read() != -1) {
        throw new UserInputException(where, "trailing bytes after the parameters");
      }
      List<Pair<String, Shape>> after = shapes(block);
      if (!after.equals(expected)) {
        throw new UserInputException(where, "parameter shapes changed while loading");
      }
    } catch (EOFException e) {
      throw new UserInputException(where, "truncated parameter file", e);
    } catch (UTFDataFormatException | MalformedModelException e) {
      throw new UserInputException(where, "corrupt parameter file: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UserInputException(where, "cannot read: " + e.getMessage(), e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UserInputException(where, "corrupt parameter file: " + e.getMessage(), e);
    }
  }

  /**
   * The parameter paths and shapes of an initialised block, in DJL's stable order.
   *
   * @param block the block
   * @return name and shape of every parameter
   */
  public static List<Pair<String, Shape>> shapes(Block block) {
    List<Pair<String, Shape>> out = new ArrayList<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.add(new Pair<>(p.getKey(), p.getValue().getArray().getShape()));
    }
    return out;
  }
}
