package dev.podkeeper.model.testing;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.port.HostPathRefusedException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host file system in memory that walks paths by the same rules as the real one (links, unsafe
 * transitions, FIFOs, devices, huge files: {@code HostFilesContract}). Like the real one, it has no delete.
 * Ancestors of what a test puts in are there implicitly, as root's 0755 directories.
 */
public final class FakeHostFiles implements HostFiles {
  private static final Entry ROOT_DIRECTORY = new Entry(Kind.DIRECTORY, new Ownership(0, 0), new FileMode(0755), null, 0, null);
  private static final Path ROOT = Path.of("/");
  private static final int MAX_LINKS = 32;

  private final Map<Path, Entry> entries = new HashMap<>();

  /** What a path is, in the words of the real one's messages. */
  public enum Kind {
    DIRECTORY("a directory"), FILE("a regular file"), SYMLINK("a symbolic link"), FIFO("a FIFO"),
    DEVICE("a character device");

    private final String words;

    Kind(String words) {
      this.words = words;
    }
  }

  /** One path as a test sees it. {@code content} is null for a sparse file; {@code target} only for links. */
  public record Entry(Kind kind, Ownership owner, FileMode mode, byte[] content, long size, Path target) {}

  public synchronized FakeHostFiles withFile(Path path, String content) {
    return withFile(path, new Ownership(0, 0), content);
  }

  public synchronized FakeHostFiles withFile(Path path, Ownership owner, String content) {
    byte[] bytes = content.getBytes();
    entries.put(path, new Entry(Kind.FILE, owner, new FileMode(0600), bytes, bytes.length, null));
    return this;
  }

  /** A file of {@code size} bytes that nobody wrote (zeros), as a sparse file is. */
  public synchronized FakeHostFiles withSparseFile(Path path, long size) {
    entries.put(path, new Entry(Kind.FILE, new Ownership(0, 0), new FileMode(0644), null, size, null));
    return this;
  }

  public synchronized FakeHostFiles withDirectory(Path path, Ownership owner, FileMode mode) {
    entries.put(path, new Entry(Kind.DIRECTORY, owner, mode, null, 0, null));
    return this;
  }

  public synchronized FakeHostFiles withSymlink(Path link, Path target, Ownership owner) {
    entries.put(link, new Entry(Kind.SYMLINK, owner, new FileMode(0777), null, 0, target));
    return this;
  }

  public synchronized FakeHostFiles withFifo(Path path) {
    entries.put(path, new Entry(Kind.FIFO, new Ownership(0, 0), new FileMode(0600), null, 0, null));
    return this;
  }

  public synchronized FakeHostFiles withDevice(Path path) {
    entries.put(path, new Entry(Kind.DEVICE, new Ownership(0, 0), new FileMode(0666), null, 0, null));
    return this;
  }

  /** A test's own hand, behind the port's back (a user removing a directory). */
  public synchronized void remove(Path path) {
    entries.remove(path);
  }

  public synchronized boolean exists(Path path) {
    return lookup(path) != null;
  }

  /** Every explicit path at or below {@code top}, sorted. */
  public synchronized Map<Path, Entry> tree(Path top) {
    Map<Path, Entry> tree = new TreeMap<>();
    entries.forEach((p, e) -> {
      if (p.startsWith(top)) {
        tree.put(p, e);
      }
    });
    return tree;
  }

  @Override
  public synchronized Optional<PathAttributes> attributes(Path path) throws IOException {
    if (path.getParent() == null) {
      return Optional.of(attributesOf(ROOT_DIRECTORY));
    }
    Walked parent;
    try {
      parent = walk(path.getParent(), Optional.empty());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Path at = parent.path.resolve(path.getFileName());
    Entry e = lookup(at);
    if (e == null) {
      return Optional.empty();
    }
    if (e.kind == Kind.SYMLINK) {
      throw HostPathRefusedException.symlink(at);
    }
    checkTransition(parent.path, parent.entry, at, e.owner);
    return Optional.of(attributesOf(e));
  }

  @Override
  public synchronized void createDirectories(Path path, Ownership owner, FileMode mode) throws IOException {
    walk(path, Optional.of(new Entry(Kind.DIRECTORY, owner, mode, null, 0, null)));
  }

  @Override
  public synchronized void setOwnerAndMode(Path path, Ownership owner, FileMode mode) throws IOException {
    Walked dir = walk(path, Optional.empty());
    entries.put(dir.path, new Entry(Kind.DIRECTORY, owner, mode, null, 0, null));
  }

  @Override
  public synchronized byte[] read(Path path) throws IOException {
    Path at = path;
    for (int links = 0; ; links++) {
      Walked parent = walk(parentOf(at), Optional.empty());
      at = parent.path.resolve(at.getFileName());
      Entry e = lookup(at);
      if (e == null) {
        throw new NoSuchFileException(at.toString());
      }
      if (e.kind == Kind.SYMLINK) {
        if (!trusted(parent.entry, e) || links >= MAX_LINKS) {
          throw HostPathRefusedException.symlink(at);
        }
        at = parent.path.resolve(e.target).normalize();
        continue;
      }
      checkTransition(parent.path, parent.entry, at, e.owner);
      if (e.kind != Kind.FILE) {
        throw HostPathRefusedException.notRegular(at, e.kind.words);
      }
      if (e.size > MAX_READ_BYTES) {
        throw HostPathRefusedException.tooLarge(at, e.size, MAX_READ_BYTES);
      }
      return e.content == null ? new byte[(int) e.size] : Arrays.copyOf(e.content, e.content.length);
    }
  }

  @Override
  public synchronized void writeAtomically(Path path, byte[] content, FileMode mode) throws IOException {
    Walked parent = walk(parentOf(path), Optional.empty());
    Path at = parent.path.resolve(path.getFileName());
    checkTransition(parent.path, parent.entry, at, new Ownership(0, 0));
    Entry existing = lookup(at);
    if (existing != null && existing.kind == Kind.SYMLINK) {
      throw HostPathRefusedException.symlink(at);
    }
    if (existing != null && existing.kind == Kind.DIRECTORY) {
      throw new FileAlreadyExistsException(at.toString(), null, "is a directory");
    }
    byte[] copy = Arrays.copyOf(content, content.length);
    entries.put(at, new Entry(Kind.FILE, new Ownership(0, 0), mode, copy, copy.length, null));
  }

  private record Walked(Path path, Entry entry) {}

  /** As the real one's walk: component by component, links only if root made them in root's directory. */
  private Walked walk(Path dir, Optional<Entry> create) throws IOException {
    Deque<String> todo = components(dir);
    Path at = ROOT;
    Entry atEntry = ROOT_DIRECTORY;
    int links = 0;
    while (!todo.isEmpty()) {
      Path child = at.resolve(todo.pop());
      Entry e = lookup(child);
      if (e == null) {
        if (create.isEmpty()) {
          throw new NoSuchFileException(child.toString());
        }
        checkTransition(at, atEntry, child, create.get().owner);
        e = create.get();
        entries.put(child, e);
      } else if (e.kind == Kind.SYMLINK) {
        if (todo.isEmpty() || !trusted(atEntry, e)) {
          throw HostPathRefusedException.symlink(child);
        }
        if (++links > MAX_LINKS) {
          throw new FileSystemException(dir.toString(), null, "more than " + MAX_LINKS + " symbolic links");
        }
        Deque<String> rest = components(at.resolve(e.target).normalize());
        rest.addAll(todo);
        todo = rest;
        at = ROOT;
        atEntry = ROOT_DIRECTORY;
        continue;
      } else if (e.kind != Kind.DIRECTORY) {
        throw create.isPresent()
            ? new FileAlreadyExistsException(child.toString(), null, "exists and is " + e.kind.words + ", not a directory")
            : new FileSystemException(child.toString(), null, "is " + e.kind.words + ", not a directory");
      }
      checkTransition(at, atEntry, child, e.owner);
      at = child;
      atEntry = e;
    }
    return new Walked(at, atEntry);
  }

  private static Path parentOf(Path path) throws FileSystemException {
    if (path.getParent() == null) {
      throw new FileSystemException(path.toString(), null, "is the root directory, not a file");
    }
    return path.getParent();
  }

  private static void checkTransition(Path parent, Entry parentEntry, Path child, Ownership childOwner)
      throws HostPathRefusedException {
    int parentUid = parentEntry.owner.uid();
    if (parentUid != 0 && parentUid != childOwner.uid()) {
      throw HostPathRefusedException.unsafeTransition(parent, parentUid, child, childOwner.uid());
    }
  }

  private static boolean trusted(Entry directory, Entry link) {
    return directory.owner.uid() == 0 && (directory.mode.bits() & 022) == 0 && link.owner.uid() == 0;
  }

  /** An explicit entry, or an implicit root-owned directory above one. */
  private Entry lookup(Path path) {
    if (path.getParent() == null) {
      return ROOT_DIRECTORY;
    }
    Entry e = entries.get(path);
    if (e != null) {
      return e;
    }
    for (Path p : entries.keySet()) {
      if (p.startsWith(path) && !p.equals(path)) {
        return ROOT_DIRECTORY;
      }
    }
    return null;
  }

  private static PathAttributes attributesOf(Entry e) {
    return new PathAttributes(e.kind == Kind.DIRECTORY, e.owner, e.mode);
  }

  private static Deque<String> components(Path path) {
    Deque<String> parts = new ArrayDeque<>();
    for (Path part : path) {
      parts.add(part.toString());
    }
    return parts;
  }
}
