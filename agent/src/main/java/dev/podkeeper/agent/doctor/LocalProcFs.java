package dev.podkeeper.agent.doctor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ProcFs} on the host's {@code /proc}. Reads are bounded ({@link #MAX_BYTES}: a socket table of a busy host
 * is a few MiB at most) and never block: procfs files are generated on read. A process that ends meanwhile, or
 * whose files this user may not read, is simply not there.
 */
public final class LocalProcFs implements ProcFs {
  static final int MAX_BYTES = 8 << 20;
  private final Path root;

  public LocalProcFs() {
    this(Path.of("/proc"));
  }

  LocalProcFs(Path root) {
    this.root = root;
  }

  @Override
  public Optional<String> read(String path) {
    try (InputStream in = Files.newInputStream(root.resolve(path))) {
      return Optional.of(new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<String> link(String path) {
    try {
      return Optional.of(Files.readSymbolicLink(root.resolve(path)).toString());
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> list(String directory) {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(directory))) {
      entries.forEach(entry -> names.add(entry.getFileName().toString()));
    } catch (IOException | SecurityException e) {
      // gone or not ours to read: nothing there
    }
    return names;
  }
}
