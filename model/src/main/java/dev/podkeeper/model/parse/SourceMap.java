package dev.podkeeper.model.parse;

import dev.podkeeper.model.validate.NodePath;
import dev.podkeeper.model.validate.NodePath.Segment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * From a {@link NodePath} of the records back to the line and column in the file. Records leave out
 * list items that did not parse (a record cannot hold a bad port), so the binder tells which file
 * indexes it dropped, and record indexes are shifted past them. It also tells which values it made up
 * for required ones that were missing or wrong, so that checks on those stand-ins are not reported.
 */
final class SourceMap {
  private record Place(Location key, Location value) {}

  private final Map<NodePath, Place> places = new HashMap<>();
  private final Map<NodePath, TreeSet<Integer>> dropped = new HashMap<>();
  private final Set<NodePath> standIns = new HashSet<>();

  static SourceMap of(YamlNode root) {
    SourceMap map = new SourceMap();
    map.walk(root, NodePath.root(), root.location());
    return map;
  }

  private void walk(YamlNode node, NodePath path, Location keyLocation) {
    places.put(path, new Place(keyLocation, node.location()));
    if (node instanceof YamlNode.Mapping m) {
      m.entries().values().forEach(e -> walk(e.value(), path.key(e.key()), e.keyLocation()));
    } else if (node instanceof YamlNode.Sequence s) {
      for (int i = 0; i < s.items().size(); i++) {
        walk(s.items().get(i), path.index(i), s.items().get(i).location());
      }
    }
  }

  /** The binder left item {@code fileIndex} of the list at {@code list} (a file path) out of its record. */
  void dropped(NodePath list, int fileIndex) {
    dropped.computeIfAbsent(list, l -> new TreeSet<>()).add(fileIndex);
  }

  /** The record holds a made-up value at {@code path} (a file path), after reporting the real one. */
  void standIn(NodePath path) {
    standIns.add(path);
  }

  boolean isStandIn(NodePath recordPath) {
    return standIns.contains(filePath(recordPath));
  }

  /** Where the node (or its key) at a record path is written; empty if the file has no such node. */
  Optional<Location> find(NodePath recordPath, boolean key) {
    Place place = places.get(filePath(recordPath));
    return Optional.ofNullable(place).map(p -> key ? p.key() : p.value());
  }

  /** The closest enclosing node that the file has: for records built with values the file lacks. */
  Location nearest(NodePath recordPath) {
    for (NodePath p = filePath(recordPath); ; p = p.parent()) {
      Place place = places.get(p);
      if (place != null) {
        return place.value();
      }
      if (p.isRoot()) {
        return Location.START;
      }
    }
  }

  private NodePath filePath(NodePath recordPath) {
    NodePath file = NodePath.root();
    for (Segment segment : recordPath.segments()) {
      if (!segment.isIndex()) {
        file = file.key(segment.key());
        continue;
      }
      int index = segment.index();
      for (int skipped : dropped.getOrDefault(file, new TreeSet<>())) {
        if (skipped <= index) {
          index++;
        }
      }
      file = file.index(index);
    }
    return file;
  }
}
