package dev.podkeeper.model.parse;

/** Where a node starts in the file; both 1-based. */
record Location(int line, int column) {
  static final Location START = new Location(1, 1);

  Location {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("location " + line + ":" + column + " is not 1-based");
    }
  }

  /** The location of the {@code index}-th char of {@code text}, counting columns in code points. */
  static Location of(String text, int index) {
    int end = Math.min(Math.max(index, 0), text.length());
    int lineStart = text.lastIndexOf('\n', end - 1) + 1;
    int line = 1;
    for (int i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
      line++;
    }
    return new Location(line, text.codePointCount(lineStart, end) + 1);
  }
}
