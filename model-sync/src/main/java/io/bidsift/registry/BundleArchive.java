package io.bidsift.registry;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * A bundle as a gzip-compressed POSIX ustar archive: the single {@code .tar.gz} file that
 * SageMaker expects behind a model package's ModelDataUrl. Written with regular-file entries only,
 * mode 0644 and time 0, so the same bundle always gives the same bytes; {@code tar -xzf} reads it.
 *
 * <p>Reading accepts regular files and directories from any ustar or GNU tar writer and refuses
 * every other entry (links, devices, GNU or pax extensions) and any path that would leave the
 * target directory: the archive comes from a bucket, so it is treated as untrusted input. Its
 * content is then checked against the manifest by {@link ModelBundle#verify}.
 */
public final class BundleArchive {

  private static final int BLOCK = 512;
  private static final int NAME_LENGTH = 100;
  private static final int PREFIX_LENGTH = 155;
  /** 11 octal digits: the ustar size field's limit. */
  private static final long MAX_ENTRY_SIZE = 077777777777L;

  private BundleArchive() {
  }

  /** Writes the bundle's files (manifest first) to {@code tarGz}. */
  public static void pack(ModelBundle bundle, Path tarGz) throws IOException {
    pack(bundle.dir(), bundle.paths(), tarGz);
  }

  /** Writes the files {@code paths} (names in {@code dir}) of {@code dir} to {@code tarGz}, in that order. */
  static void pack(Path dir, List<String> paths, Path tarGz) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tarGz), 64 * 1024)) {
      for (String path : paths) {
        Path file = dir.resolve(path);
        long size = Files.size(file);
        if (size > MAX_ENTRY_SIZE) {
          throw new IOException(path + " is too large for a tar entry: " + size + " bytes");
        }
        out.write(header(path, size));
        long copied = Files.copy(file, out);
        if (copied != size) {
          throw new IOException(path + " changed while it was archived");
        }
        out.write(new byte[padding(size)]);
      }
      out.write(new byte[2 * BLOCK]);
    }
  }

  /**
   * Extracts {@code tarGz} into the existing directory {@code target}.
   *
   * @throws InvalidBundleException when the archive is corrupt or holds an entry a bundle cannot have
   */
  public static void unpack(Path tarGz, Path target, String where) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz), 64 * 1024)) {
      byte[] header = new byte[BLOCK];
      while (true) {
        readFully(in, header, where);
        if (isZero(header)) {
          return;
        }
        if (!checksumMatches(header)) {
          throw new InvalidBundleException(where + ": corrupt tar header (checksum mismatch)");
        }
        String path = path(header);
        long size = octal(header, 124, 12, where);
        Path to = root.resolve(path).normalize();
        byte type = header[156];
        boolean directory = type == '5';
        if (path.isEmpty() || path.startsWith("/") || !to.startsWith(root) || (to.equals(root) && !directory)) {
          throw new InvalidBundleException(where + ": tar entry '" + path + "' points outside the bundle");
        }
        if (directory) {
          Files.createDirectories(to);
          skip(in, size + padding(size));
        } else if (type == '0' || type == 0) {
          Files.createDirectories(to.getParent());
          try (OutputStream out = Files.newOutputStream(to)) {
            copy(in, out, size);
          }
          skip(in, padding(size));
        } else {
          throw new InvalidBundleException(where + ": tar entry '" + path + "' has type '" + (char) type
              + "'; a bundle holds only regular files");
        }
      }
    } catch (ZipException e) {
      throw new InvalidBundleException(where + ": not a gzip archive (" + e.getMessage() + ")");
    } catch (EOFException e) {
      throw new InvalidBundleException(where + ": truncated archive");
    }
  }

  private static byte[] header(String path, long size) throws IOException {
    byte[] h = new byte[BLOCK];
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > NAME_LENGTH) {
      // a bundle's file names are flat and at most 100 chars (BundleManifest), so no ustar prefix is needed
      throw new IOException("path too long for a ustar entry name (" + NAME_LENGTH + " bytes): " + path);
    }
    System.arraycopy(bytes, 0, h, 0, bytes.length);
    putOctal(h, 100, 8, 0644);
    putOctal(h, 108, 8, 0);
    putOctal(h, 116, 8, 0);
    putOctal(h, 124, 12, size);
    putOctal(h, 136, 12, 0);
    h[156] = '0';
    put(h, 257, "ustar\0");
    put(h, 263, "00");
    Arrays.fill(h, 148, 156, (byte) ' ');
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    putOctal(h, 148, 7, sum);
    return h;
  }

  /** Writes {@code value} as zero-padded octal in {@code length - 1} digits and a NUL. */
  private static void putOctal(byte[] h, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    put(h, offset, padded);
    h[offset + length - 1] = 0;
  }

  private static void put(byte[] h, int offset, String ascii) {
    byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, bytes.length);
  }

  private static String path(byte[] h) {
    String name = cString(h, 0, NAME_LENGTH);
    boolean ustar = cString(h, 257, 5).equals("ustar");
    // GNU tar's own format keeps the old header layout, with no prefix field
    boolean gnu = ustar && h[262] == ' ';
    String prefix = ustar && !gnu ? cString(h, 345, PREFIX_LENGTH) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String cString(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int offset, int length, String where) {
    String text = cString(h, offset, length).trim();
    try {
      return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    } catch (NumberFormatException e) {
      throw new InvalidBundleException(where + ": corrupt tar header (size '" + text + "')");
    }
  }

  private static boolean checksumMatches(byte[] h) {
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    String stored = cString(h, 148, 8).trim();
    try {
      return !stored.isEmpty() && Long.parseLong(stored, 8) == sum;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static void readFully(InputStream in, byte[] buffer, String where) throws IOException {
    if (in.readNBytes(buffer, 0, buffer.length) != buffer.length) {
      throw new InvalidBundleException(where + ": truncated archive");
    }
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long count) throws IOException {
    in.skipNBytes(count);
  }
}
