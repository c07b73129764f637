package dev.podkeeper.model.testing;

/** Desired-state text shared by tests of several modules. */
public final class SampleStacks {
  /**
   * The seed server's shape without its containers: defaults, the media network, a directory, and the VPN
   * env file whose password comes from a secret file. Tests append their own {@code containers:}.
   */
  public static final String MEDIA_PREAMBLE = """
      version: 1
      stack: media
      defaults:
        env:
          TZ: UTC
      networks:
        media:
          subnet: 10.89.0.0/24
      directories:
        - path: /srv/media
          owner: "0:0"
          mode: "0750"
      envFiles:
        vpn:
          path: /srv/media/vpn.env
          values:
            VPN_PROVIDER: protonvpn
            VPN_PASSWORD: { fromFile: /run/secrets/vpn-password }
      """;

  private SampleStacks() {}
}
