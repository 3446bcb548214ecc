package io.shiftlab.nn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the tensor storages a TorchScript {@code data.pkl} refers to, without unpickling it.
 *
 * <p>{@code torch.jit.save} writes each storage as a persistent id, the tuple {@code ('storage',
 * torch.FloatStorage, KEY, DEVICE, NUMEL)} followed by {@code BINPERSID}; the bytes are in the
 * archive entry {@code ROOT/data/KEY}. This runs the pickle's opcodes on a stack that keeps only
 * strings, integers, globals and tuples, enough to read those tuples. A pickle holding an opcode it
 * does not know gives no storages (nothing is checked), never a refusal.
 */
final class PickleStorages {
  /**
   * One storage.
   *
   * @param key its key, the entry name under {@code data/}
   * @param type its class name, e.g. {@code FloatStorage}
   * @param numel its number of elements
   * @param bytes the bytes it needs, or -1 for a type of unknown element size
   */
  record Storage(String key, String type, long numel, long bytes) {}

  private record Global(String module, String name) {}

  private static final Object MARK = new Object();
  private static final Object OPAQUE = new Object();

  private static final Map<String, Integer> ELEMENT_SIZE =
      Map.ofEntries(
          Map.entry("DoubleStorage", 8),
          Map.entry("FloatStorage", 4),
          Map.entry("HalfStorage", 2),
          Map.entry("BFloat16Storage", 2),
          Map.entry("LongStorage", 8),
          Map.entry("IntStorage", 4),
          Map.entry("ShortStorage", 2),
          Map.entry("CharStorage", 1),
          Map.entry("ByteStorage", 1),
          Map.entry("BoolStorage", 1),
          Map.entry("ComplexFloatStorage", 8),
          Map.entry("ComplexDoubleStorage", 16),
          Map.entry("QInt8Storage", 1),
          Map.entry("QUInt8Storage", 1),
          Map.entry("QInt32Storage", 4));

  private final byte[] b;
  private int pos;
  private final List<Object> stack = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();
  private final List<Storage> found = new ArrayList<>();

  private PickleStorages(byte[] b) {
    this.b = b;
  }

  /**
   * The storages of a pickle.
   *
   * @param pickle the pickle's bytes
   * @return its storages; empty if it holds none or cannot be followed
   */
  static List<Storage> of(byte[] pickle) {
    PickleStorages p = new PickleStorages(pickle);
    try {
      return p.run() ? p.found : List.of();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private boolean run() {
    while (pos < b.length) {
      int op = u8();
      switch (op) {
        case 0x80 -> pos += 1; // PROTO
        case 0x95 -> pos += 8; // FRAME
        case 'c' -> push(new Global(line(), line()));
        case 0x93 -> {
          String name = (String) pop();
          push(new Global((String) pop(), name));
        }
        case 'q' -> memo.put((long) u8(), top());
        case 'r' -> memo.put(u32(), top());
        case 0x94 -> memo.put((long) memo.size(), top());
        case 'h' -> push(memo.getOrDefault((long) u8(), OPAQUE));
        case 'j' -> push(memo.getOrDefault(u32(), OPAQUE));
        case ')' -> push(List.of());
        case ']', '}', 0x8f, 'N', 0x88, 0x89 -> push(OPAQUE);
        case '(' -> push(MARK);
        case 'X' -> push(text(u32()));
        case 0x8c -> push(text(u8()));
        case 0x8d -> push(text(u64()));
        case 'T', 'B' -> push(skip(u32()));
        case 'U', 'C' -> push(skip(u8()));
        case 0x8e -> push(skip(u64()));
        case 'K' -> push((long) u8());
        case 'M' -> push((long) (u8() | u8() << 8));
        case 'J' -> push((long) (int) u32());
        case 0x8a -> push(longN(u8()));
        case 0x8b -> push(longN(u32()));
        case 'G' -> push(skip(8));
        case 't' -> push(popToMark());
        case 0x85 -> push(popN(1));
        case 0x86 -> push(popN(2));
        case 0x87 -> push(popN(3));
        case 'Q' -> {
          storage(pop());
          push(OPAQUE);
        }
        case 'R', 0x81 -> {
          popN(2);
          push(OPAQUE);
        }
        case 0x92 -> {
          popN(3);
          push(OPAQUE);
        }
        case 'b', 'a', '0' -> pop();
        case 's' -> popN(2);
        case 'u', 'e', 0x90, '1' -> popToMark();
        case 'l', 'd', 0x91 -> {
          popToMark();
          push(OPAQUE);
        }
        case '2' -> push(top());
        case '.' -> {
          return true;
        }
        default -> {
          return false;
        }
      }
    }
    return false;
  }

  private void storage(Object pid) {
    if (pid instanceof List<?> t
        && t.size() == 5
        && "storage".equals(t.get(0))
        && t.get(1) instanceof Global g
        && t.get(2) instanceof String key
        && t.get(4) instanceof Long numel) {
      Integer size = ELEMENT_SIZE.get(g.name());
      found.add(new Storage(key, g.name(), numel, size == null ? -1 : numel * size));
    }
  }

  private int u8() {
    return b[pos++] & 0xff;
  }

  private long u32() {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) u8() << (8 * i);
    }
    return v;
  }

  private long u64() {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v |= (long) u8() << (8 * i);
    }
    return v;
  }

  private Object longN(long n) {
    if (n > 8) {
      skip(n);
      return OPAQUE;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v |= (long) u8() << (8 * i);
    }
    if (n > 0 && n < 8 && (b[pos - 1] & 0x80) != 0) {
      v -= 1L << (8 * n);
    }
    return v;
  }

  private String text(long n) {
    int len = Math.toIntExact(n);
    String s = new String(b, pos, len, StandardCharsets.UTF_8);
    pos = Math.addExact(pos, len);
    return s;
  }

  private Object skip(long n) {
    pos = Math.addExact(pos, Math.toIntExact(n));
    if (pos > b.length) {
      throw new IllegalStateException("past the end");
    }
    return OPAQUE;
  }

  private String line() {
    int start = pos;
    while (b[pos] != '\n') {
      pos++;
    }
    return new String(b, start, pos++ - start, StandardCharsets.UTF_8);
  }

  private void push(Object o) {
    stack.add(o);
  }

  private Object pop() {
    return stack.remove(stack.size() - 1);
  }

  private Object top() {
    return stack.get(stack.size() - 1);
  }

  private List<Object> popN(int n) {
    List<Object> out = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
    stack.subList(stack.size() - n, stack.size()).clear();
    return out;
  }

  private List<Object> popToMark() {
    int m = stack.lastIndexOf(MARK);
    if (m < 0) {
      throw new IllegalStateException("no mark");
    }
    List<Object> out = new ArrayList<>(stack.subList(m + 1, stack.size()));
    stack.subList(m, stack.size()).clear();
    return out;
  }
}
