package dev.podkeeper.agent.doctor;

import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.ContainerEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@code /proc} of fixture texts and links, relative paths as {@link ProcFs} takes them. */
public final class FixtureProcFs implements ProcFs {
  private final Map<String, String> files = new LinkedHashMap<>();
  private final Map<String, String> links = new LinkedHashMap<>();
  /** Every read and link asked for, to show what a check did not need to look at. */
  final List<String> asked = new ArrayList<>();

  public FixtureProcFs file(String path, String text) {
    files.put(path, text);
    return this;
  }

  public FixtureProcFs link(String path, String target) {
    links.put(path, target);
    return this;
  }

  /** A process with a command line, holding {@code socketInodes} on descriptors 3, 4, ... */
  public FixtureProcFs process(long pid, String cmdline, long... socketInodes) {
    file(pid + "/cmdline", cmdline.replace(' ', '\0') + "\0");
    file(pid + "/comm", cmdline.split(" ")[0] + "\n");
    link(pid + "/fd/0", "/dev/null");
    for (int i = 0; i < socketInodes.length; i++) {
      link(pid + "/fd/" + (i + 3), "socket:[" + socketInodes[i] + "]");
    }
    return this;
  }

  /** Each running container's {@code /proc/PID/ns/net} says the namespace the engine reports for it. */
  public FixtureProcFs mirrorNamespaces(ContainerEngine engine) {
    for (ObservedContainer c : engine.listContainers()) {
      long pid = engine.inspectProcess(c.id()).pid();
      c.networkNamespace().ifPresent(ns -> link(pid + "/ns/net", ns));
    }
    return this;
  }

  @Override
  public Optional<String> read(String path) {
    asked.add(path);
    return Optional.ofNullable(files.get(path));
  }

  @Override
  public Optional<String> link(String path) {
    asked.add(path);
    return Optional.ofNullable(links.get(path));
  }

  @Override
  public List<String> list(String directory) {
    String prefix = directory.isEmpty() ? "" : directory + "/";
    return java.util.stream.Stream.concat(files.keySet().stream(), links.keySet().stream())
        .filter(p -> p.startsWith(prefix))
        .map(p -> p.substring(prefix.length()).split("/")[0])
        .distinct().toList();
  }
}
