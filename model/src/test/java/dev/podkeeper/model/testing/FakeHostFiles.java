package dev.podkeeper.model.testing;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A host file system in memory. Like the real one, it has no delete. */
public final class FakeHostFiles implements HostFiles {
  private final Map<Path, Entry> entries = new HashMap<>();

  private record Entry(boolean directory, Ownership owner, FileMode mode, byte[] content) {}

  public synchronized FakeHostFiles withFile(Path path, String content) {
    entries.put(path, new Entry(false, new Ownership(0, 0), new FileMode(0600), content.getBytes()));
    return this;
  }

  public synchronized FakeHostFiles withDirectory(Path path, Ownership owner, FileMode mode) {
    entries.put(path, new Entry(true, owner, mode, null));
    return this;
  }

  public synchronized boolean exists(Path path) {
    return entries.containsKey(path);
  }

  @Override
  public synchronized Optional<PathAttributes> attributes(Path path) {
    Entry e = entries.get(path);
    return e == null ? Optional.empty() : Optional.of(new PathAttributes(e.directory, e.owner, e.mode));
  }

  @Override
  public synchronized void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException {
    Path parent = path.getParent();
    if (parent != null && !entries.containsKey(parent) && parent.getParent() != null) {
      createDirectories(parent, owner, mode);
    }
    Entry existing = entries.get(path);
    if (existing != null && !existing.directory) {
      throw new IOException(path + " exists and is not a directory");
    }
    if (existing == null) {
      entries.put(path, new Entry(true, owner, mode, null));
    }
  }

  @Override
  public synchronized void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException {
    Entry e = entries.get(path);
    if (e == null) {
      throw new NoSuchFileException(path.toString());
    }
    entries.put(path, new Entry(e.directory, owner, mode, e.content));
  }

  @Override
  public synchronized byte[] read(Path path) throws IOException {
    Entry e = entries.get(path);
    if (e == null || e.directory) {
      throw new NoSuchFileException(path.toString());
    }
    return Arrays.copyOf(e.content, e.content.length);
  }

  @Override
  public synchronized void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException {
    Entry parent = entries.get(path.getParent());
    if (parent == null || !parent.directory) {
      throw new NoSuchFileException(path.getParent() + " (parent of " + path + ")");
    }
    entries.put(path, new Entry(false, new Ownership(0, 0), mode, Arrays.copyOf(content, content.length)));
  }
}
