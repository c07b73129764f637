package dev.podkeeper.agent.host;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import dev.podkeeper.model.testing.HostFilesContract;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the real file system, as root (chown to other users, mknod), in a temporary directory. */
class LocalHostFilesContractTest extends HostFilesContract {
  private final LocalHostFiles files = new LocalHostFiles();

  @TempDir
  Path temp;

  @BeforeEach
  void needsRoot() throws IOException {
    assumeTrue((Integer) Files.getAttribute(temp, "unix:uid") == 0 && "root".equals(System.getProperty("user.name")),
        "the contract acts as root among other users' files");
  }

  @Override
  protected HostFiles files() {
    return files;
  }

  @Override
  protected Path top() {
    return temp;
  }

  @Override
  protected Scene scene() {
    return new RealScene();
  }

  /** Plants with java.nio and the shell's mkfifo and mknod, as a user or an admin would. */
  private static final class RealScene implements Scene {
    @Override
    public void directory(Path path, Ownership owner, FileMode mode) throws IOException {
      Files.createDirectory(path);
      own(path, owner, mode);
    }

    @Override
    public void file(Path path, Ownership owner, String content) throws IOException {
      Files.writeString(path, content);
      own(path, owner, new FileMode(0600));
    }

    @Override
    public void symlink(Path link, Path target, Ownership owner) throws IOException {
      Files.createSymbolicLink(link, target);
      Files.setAttribute(link, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
      Files.setAttribute(link, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void fifo(Path path) throws IOException {
      run("mkfifo", path.toString());
    }

    @Override
    public void device(Path path) throws IOException {
      run("mknod", path.toString(), "c", "1", "5"); // what /dev/zero is
    }

    @Override
    public void sparseFile(Path path, long size) throws IOException {
      try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
        file.setLength(size);
      }
    }

    @Override
    public void remove(Path path) throws IOException {
      Files.delete(path);
    }

    @Override
    public Map<Path, String> tree(Path top) throws IOException {
      Map<Path, String> tree = new TreeMap<>();
      try (Stream<Path> paths = Files.walk(top)) {
        for (Path p : (Iterable<Path>) paths::iterator) {
          Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode,size", LinkOption.NOFOLLOW_LINKS);
          String content = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? digest(p)
              : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : "";
          tree.put(p, a.get("uid") + ":" + a.get("gid") + " " + Integer.toOctalString((Integer) a.get("mode"))
              + " " + a.get("size") + " " + content);
        }
      }
      return tree;
    }

    private static void own(Path path, Ownership owner, FileMode mode) throws IOException {
      Files.setAttribute(path, "unix:uid", owner.uid());
      Files.setAttribute(path, "unix:gid", owner.gid());
      Files.setAttribute(path, "unix:mode", mode.bits());
    }

    private static String digest(Path file) throws IOException {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void run(String... command) throws IOException {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IOException(String.join(" ", command) + ": " + out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }
}
