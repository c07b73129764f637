package dev.podkeeper.model.proxy;

/** The ids podkeeper gives its objects in the reverse proxy: all of a stack's start with one prefix. */
public final class ProxyIds {
  private ProxyIds() {}

  /** {@code podkeeper.<stack>.}: what podkeeper owns in the proxy for this stack, and nothing else. */
  public static String prefix(String stack) {
    return "podkeeper." + stack + ".";
  }
}
