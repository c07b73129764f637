package dev.podkeeper.agent.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where default traffic leaves a VPN client's namespace, from {@code /proc/PID/net/route} fixtures. */
class RouteTableTest {
  static final String HEADER =
      "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n";
  /** A container on a bridge: default via eth0 (gateway 10.89.0.1), its subnet on eth0. */
  static final String BRIDGE_ONLY = HEADER
      + "eth0\t00000000\t0100590A\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
      + "eth0\t0000590A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
  /** OpenVPN with redirect-gateway def1: 0.0.0.0/1 and 128.0.0.0/1 through tun0, the old default kept. */
  static final String OPENVPN_DEF1 = BRIDGE_ONLY
      + "tun0\t00000000\t0100080A\t0003\t0\t0\t0\t00000080\t0\t0\t0\n"
      + "tun0\t00000080\t0100080A\t0003\t0\t0\t0\t00000080\t0\t0\t0\n";
  /** The default replaced by one through wg0. */
  static final String WIREGUARD = HEADER
      + "wg0\t00000000\t00000000\t0001\t0\t0\t0\t00000000\t0\t0\t0\n"
      + "eth0\t0000590A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";
  /** A tunnel with an address but the default still via eth0 (policy routing does the rest, unseen here). */
  static final String TUNNEL_BESIDE = BRIDGE_ONLY + "tun0\t0000080A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n";

  @Test
  void theDefaultRouteAndTheDef1HalvesSayWhereDefaultTrafficGoes() {
    assertThat(RouteTable.parse(BRIDGE_ONLY).defaultInterface()).contains("eth0");
    assertThat(RouteTable.parse(OPENVPN_DEF1).defaultInterface()).contains("tun0");
    assertThat(RouteTable.parse(WIREGUARD).defaultInterface()).contains("wg0");
    assertThat(RouteTable.parse(HEADER).defaultInterface()).isEmpty();
  }

  @Test
  void theTunnelCheckPassesOnlyThroughATunnel() {
    assertThat(TunnelRouteCheck.judge("vpn", RouteTable.parse(OPENVPN_DEF1)).verdict()).isEqualTo(Verdict.OK);
    assertThat(TunnelRouteCheck.judge("vpn", RouteTable.parse(WIREGUARD)).evidence())
        .isEqualTo("default traffic leaves through wg0");
    Finding leaking = TunnelRouteCheck.judge("vpn", RouteTable.parse(BRIDGE_ONLY));
    assertThat(leaking.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(leaking.evidence()).startsWith("default traffic leaves through eth0, not a tunnel (interfaces: eth0)");
    assertThat(leaking.fix()).contains("podman logs vpn");
    assertThat(TunnelRouteCheck.judge("vpn", RouteTable.parse(TUNNEL_BESIDE)).verdict()).isEqualTo(Verdict.WARN);
  }
}
