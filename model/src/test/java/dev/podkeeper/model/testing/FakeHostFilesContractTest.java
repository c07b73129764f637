package dev.podkeeper.model.testing;

import dev.podkeeper.model.desired.FileMode;
import dev.podkeeper.model.desired.Ownership;
import dev.podkeeper.model.port.HostFiles;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

class FakeHostFilesContractTest extends HostFilesContract {
  private static final Path TOP = Path.of("/contract");
  private final FakeHostFiles fake = new FakeHostFiles().withDirectory(TOP, ROOT, new FileMode(0700));

  @Override
  protected HostFiles files() {
    return fake;
  }

  @Override
  protected Path top() {
    return TOP;
  }

  @Override
  protected Scene scene() {
    return new Scene() {
      @Override
      public void directory(Path path, Ownership owner, FileMode mode) {
        fake.withDirectory(path, owner, mode);
      }

      @Override
      public void file(Path path, Ownership owner, String content) {
        fake.withFile(path, owner, content);
      }

      @Override
      public void symlink(Path link, Path target, Ownership owner) {
        fake.withSymlink(link, target, owner);
      }

      @Override
      public void fifo(Path path) {
        fake.withFifo(path);
      }

      @Override
      public void device(Path path) {
        fake.withDevice(path);
      }

      @Override
      public void sparseFile(Path path, long size) {
        fake.withSparseFile(path, size);
      }

      @Override
      public void remove(Path path) {
        fake.remove(path);
      }

      @Override
      public Map<Path, String> tree(Path top) {
        Map<Path, String> tree = new LinkedHashMap<>();
        fake.tree(top).forEach((p, e) -> tree.put(p, e.kind() + " " + e.owner() + " " + e.mode() + " "
            + (e.content() == null ? e.size() + " zeros" : Arrays.toString(e.content())) + " " + e.target()));
        return tree;
      }
    };
  }
}
