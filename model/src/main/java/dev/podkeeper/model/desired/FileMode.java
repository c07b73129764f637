package dev.podkeeper.model.desired;

/** Permission bits of a file or directory (the file writes them in octal, e.g. {@code "0750"}). */
public record FileMode(int bits) {
  public static final FileMode DIRECTORY_DEFAULT = new FileMode(0755);
  public static final FileMode ENV_FILE_DEFAULT = new FileMode(0600);

  public FileMode {
    if (bits < 0 || bits > 07777) {
      throw new IllegalArgumentException("mode out of range: " + Integer.toOctalString(bits));
    }
  }

  @Override
  public String toString() {
    return String.format("%04o", bits);
  }
}
