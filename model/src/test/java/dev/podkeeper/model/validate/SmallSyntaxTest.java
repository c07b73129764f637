package dev.podkeeper.model.validate;

import static dev.podkeeper.model.validate.ValueSyntaxTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Host paths, IP addresses, subnets and suggestions. */
class SmallSyntaxTest {

  @ParameterizedTest
  @ValueSource(strings = {"/", "/srv", "/srv/media/tv", "/opt/downloads/.env", "/a..b/c."})
  void normalAbsolutePaths(String text) throws FormatException {
    assertThat(HostPaths.parse("path", text)).isEqualTo(Path.of(text));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /srv/               | /srv
      /srv//media         | /srv/media
      /srv/./media        | /srv/media
      /srv/media/..       | /srv
      /../etc             | /etc
      /mnt/hot/../media/  | /mnt/media
      //                  | /
      """)
  void pathsThatAreNotNormalised(String text, String normal) {
    assertFails(() -> HostPaths.parse("path", text), Rule.PATH_NORMALISED,
        "path \"" + text + "\" is not normalised; write \"" + normal + "\"");
  }

  @Test
  void relativeAndInvalidPaths() {
    assertFails(() -> HostPaths.parse("fromFile", "run/x"), Rule.PATH_ABSOLUTE, "fromFile \"run/x\" is not an absolute path");
    assertFails(() -> HostPaths.parse("path", ""), Rule.PATH_ABSOLUTE, "path \"\" is not an absolute path");
    assertFails(() -> HostPaths.parse("path", "/a\u0000b"), Rule.PATH_ABSOLUTE, "is not a valid path");
    assertFails(() -> HostPaths.containerPath("workdir", "app"), Rule.PATH_ABSOLUTE, "workdir \"app\" is not an absolute path");
  }

  @Test
  void ipAddressesAreLiteralsOnly() {
    assertThat(IpAddresses.parse("127.0.0.1")).hasValueSatisfying(a -> assertThat(IpAddresses.isLoopback(a)).isTrue());
    assertThat(IpAddresses.parse("127.255.0.9")).hasValueSatisfying(a -> assertThat(IpAddresses.isLoopback(a)).isTrue());
    assertThat(IpAddresses.parse("::1")).hasValueSatisfying(a -> assertThat(IpAddresses.isLoopback(a)).isTrue());
    assertThat(IpAddresses.parse("0.0.0.0")).hasValueSatisfying(a -> assertThat(IpAddresses.isWildcard(a)).isTrue());
    assertThat(IpAddresses.parse("::")).hasValueSatisfying(a -> assertThat(IpAddresses.isWildcard(a)).isTrue());
    assertThat(IpAddresses.parse("192.168.1.13")).hasValueSatisfying(a -> assertThat(IpAddresses.isLoopback(a)).isFalse());
    for (String notAnAddress : List.of("localhost", "example.com", "127.1", "1.2.3.4.5", "256.0.0.1", ":::", "::g", "")) {
      assertThat(IpAddresses.parse(notAnAddress)).as(notAnAddress).isEmpty();
    }
  }

  @Test
  void subnets() throws FormatException {
    Cidr subnet = Cidr.parse("10.89.0.0/24");
    assertThat(subnet.contains(IpAddresses.parse("10.89.0.1").orElseThrow())).isTrue();
    assertThat(subnet.contains(IpAddresses.parse("10.89.1.1").orElseThrow())).isFalse();
    assertThat(subnet.contains(IpAddresses.parse("::1").orElseThrow())).isFalse();
    assertThat(subnet.isNetworkOrBroadcast(IpAddresses.parse("10.89.0.255").orElseThrow())).isTrue();
    assertThat(subnet.isNetworkOrBroadcast(IpAddresses.parse("10.89.0.0").orElseThrow())).isTrue();
    assertThat(subnet.overlaps(Cidr.parse("10.89.0.128/25"))).isTrue();
    assertThat(subnet.overlaps(Cidr.parse("10.0.0.0/8"))).isTrue();
    assertThat(subnet.overlaps(Cidr.parse("10.90.0.0/24"))).isFalse();
    assertThat(Cidr.parse("fd00:89::/64").contains(IpAddresses.parse("fd00:89::1").orElseThrow())).isTrue();
    assertFails(() -> Cidr.parse("10.89.0.0"), Rule.NETWORKS_SUBNET, "subnet \"10.89.0.0\" is not a CIDR such as 10.89.0.0/24");
    assertFails(() -> Cidr.parse("10.89.0.0/33"), Rule.NETWORKS_SUBNET, "has a prefix longer than 32");
    assertFails(() -> Cidr.parse("10.89.0.1/24"), Rule.NETWORKS_SUBNET, "has host bits set; write 10.89.0.0/24");
    assertFails(() -> Cidr.parse("media/24"), Rule.NETWORKS_SUBNET, "is not a CIDR");
  }

  @Test
  void longValuesAreCutShortInMessages() {
    assertThat(Quote.of("/srv/media")).isEqualTo("\"/srv/media\"");
    assertThat(Quote.of("x".repeat(100))).isEqualTo("\"" + "x".repeat(80) + "…\" (100 characters)");
    assertThat(Quote.bare("y".repeat(81))).isEqualTo("y".repeat(80) + "… (81 characters)");
    assertThat(Quote.of("a".repeat(79) + "\uD83D\uDE00" + "b")).as("never half an emoji")
        .startsWith("\"" + "a".repeat(79) + "…");
  }

  @Test
  void suggestionsFindTyposTranspositionsAndOtherSpellings() {
    List<String> keys = List.of("image", "ports", "dependsOn", "capAdd", "memory");
    assertThat(Suggestions.closest("imgae", keys)).contains("image");
    assertThat(Suggestions.closest("port", keys)).contains("ports");
    assertThat(Suggestions.closest("depends_on", keys)).contains("dependsOn");
    assertThat(Suggestions.closest("CAP-ADD", keys)).contains("capAdd");
    assertThat(Suggestions.closest("memroy", keys)).contains("memory");
    assertThat(Suggestions.closest("volumes", keys)).isEmpty();
    assertThat(Suggestions.closest("x".repeat(10_000), keys)).isEmpty();
    assertThat(Suggestions.didYouMean("prowlar", List.of("prowlarr"))).isEqualTo(" (did you mean \"prowlarr\"?)");
    assertThat(Suggestions.didYouMean("zzz", List.of("prowlarr"))).isEmpty();
  }
}
