package dev.podkeeper.kube;

import java.util.Locale;

/** podkeeper's names ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}) as Kubernetes object names (DNS-1123 labels). */
final class KubeNames {
  private KubeNames() {}

  static String of(String name) {
    String label = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
        .replaceAll("^-+|-+$", "");
    return label.length() > 63 ? label.substring(0, 63).replaceAll("-+$", "") : label;
  }
}
