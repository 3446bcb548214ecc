package io.shiftlab.data;

import io.shiftlab.Setting;
import io.shiftlab.UserInputException;
import io.shiftlab.io.Sha256;
import io.shiftlab.nn.InputShape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder of images in torchvision's {@code ImageFolder} layout, {@code DIR/CLASS/IMAGE}, as
 * test images of a given input shape.
 *
 * <ul>
 *   <li>Classes are the sub-folders, sorted by name (label 0 is the first), as torchvision numbers
 *       them; hidden folders are skipped.
 *   <li>Images are the {@code .png}, {@code .jpg} and {@code .jpeg} files of each class folder (any
 *       case), sorted by name; other files are skipped.
 *   <li>Each image is scaled, keeping its aspect ratio, so that it just covers the target {@code H
 *       x W} (bilinear, halving in steps while more than twice too large, which keeps downscaling
 *       from aliasing), then centre-cropped to {@code H x W}: torchvision's {@code Resize(min(H,
 *       W))} then {@code CenterCrop((H, W))} for square targets. The pixels are close to, not
 *       bit-identical with, PIL's resampling.
 *   <li>Three channels are the red, green and blue planes (alpha is dropped); one channel is the
 *       ITU-R 601-2 luma {@code (299 R + 587 G + 114 B) / 1000}, rounded, as PIL's {@code "L"}.
 * </ul>
 */
public final class ImageFolderReader {
  private ImageFolderReader() {}

  /**
   * A read folder.
   *
   * @param images the images, labels by class folder
   * @param classes the class names, label {@code i} being {@code classes.get(i)}
   * @param sha256 one checksum over every image file (its path relative to the folder and its
   *     SHA-256), for the manifest
   */
  public record Folder(ImageSet images, List<String> classes, String sha256) {
    /** Copies the class list. */
    public Folder {
      classes = List.copyOf(classes);
    }
  }

  /**
   * Reads the folder.
   *
   * @param dir the folder holding one sub-folder per class
   * @param shape the channels (1 or 3), height and width to produce
   * @return the images
   * @throws UserInputException naming the folder or file when the layout or an image is unusable
   */
  public static Folder read(Path dir, InputShape shape) {
    if (!Files.isDirectory(dir)) {
      throw new UserInputException(dir.toString(), "folder not found");
    }
    if (shape.channels() != 1 && shape.channels() != 3) {
      throw new UserInputException(
          Setting.INPUT.id(), "an image folder gives 1 or 3 channels, not " + shape.channels());
    }
    List<Path> classDirs = list(dir, p -> Files.isDirectory(p) && !hidden(p));
    if (classDirs.isEmpty()) {
      throw new UserInputException(
          dir.toString(), "holds no class folders (expected DIR/CLASS/IMAGE.png, as ImageFolder)");
    }
    int c = shape.channels();
    int h = shape.height();
    int w = shape.width();
    int per = c * h * w;
    List<String> classes = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    java.io.ByteArrayOutputStream pixels = new java.io.ByteArrayOutputStream();
    MessageDigest all = Sha256.newDigest();
    for (int label = 0; label < classDirs.size(); label++) {
      Path cls = classDirs.get(label);
      classes.add(cls.getFileName().toString());
      for (Path f : list(cls, p -> Files.isRegularFile(p) && isImage(p))) {
        BufferedImage img;
        try {
          img = ImageIO.read(f.toFile());
        } catch (IOException | RuntimeException e) {
          throw new UserInputException(
              f.toString(), "cannot be read as an image: " + e.getMessage());
        }
        if (img == null) {
          throw new UserInputException(f.toString(), "is not a PNG or JPEG image ImageIO can read");
        }
        byte[] b = planes(coverAndCrop(img, w, h), c);
        pixels.write(b, 0, per);
        labels.add(label);
        all.update(
            (dir.relativize(f).toString().replace('\\', '/') + "\0" + Sha256.of(f) + "\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    if (labels.isEmpty()) {
      throw new UserInputException(dir.toString(), "holds no .png, .jpg or .jpeg images");
    }
    String name = dir.toAbsolutePath().normalize().getFileName().toString();
    ImageSet set =
        new ImageSet(
            name,
            pixels.toByteArray(),
            labels.stream().mapToInt(Integer::intValue).toArray(),
            classes.size(),
            c,
            h,
            w);
    return new Folder(set, classes, Sha256.hex(all));
  }

  /** Scales to just cover {@code w x h}, keeping the aspect ratio, then crops the centre. */
  static BufferedImage coverAndCrop(BufferedImage src, int w, int h) {
    double scale = Math.max((double) w / src.getWidth(), (double) h / src.getHeight());
    int sw = Math.max(w, (int) Math.round(src.getWidth() * scale));
    int sh = Math.max(h, (int) Math.round(src.getHeight() * scale));
    BufferedImage cur = rgb(src);
    while (cur.getWidth() >= 2 * sw && cur.getHeight() >= 2 * sh) {
      cur = resize(cur, cur.getWidth() / 2, cur.getHeight() / 2);
    }
    if (cur.getWidth() != sw || cur.getHeight() != sh) {
      cur = resize(cur, sw, sh);
    }
    return cur.getSubimage((sw - w) / 2, (sh - h) / 2, w, h);
  }

  private static BufferedImage rgb(BufferedImage src) {
    if (src.getType() == BufferedImage.TYPE_INT_RGB) {
      return src;
    }
    BufferedImage out =
        new BufferedImage(src.getWidth(), src.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.drawImage(src, 0, 0, null);
    g.dispose();
    return out;
  }

  private static BufferedImage resize(BufferedImage src, int w, int h) {
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.drawImage(src, 0, 0, w, h, null);
    g.dispose();
    return out;
  }

  /** Channel planes, row-major: R, G, B for 3 channels, luma for 1. */
  static byte[] planes(BufferedImage img, int channels) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] out = new byte[channels * h * w];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int rgb = img.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        int i = y * w + x;
        if (channels == 3) {
          out[i] = (byte) r;
          out[h * w + i] = (byte) g;
          out[2 * h * w + i] = (byte) b;
        } else {
          out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
        }
      }
    }
    return out;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static boolean hidden(Path p) {
    return p.getFileName().toString().startsWith(".");
  }

  private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(keep).sorted().toList();
    } catch (IOException e) {
      throw new UserInputException(dir.toString(), "cannot be listed: " + e.getMessage());
    }
  }
}
