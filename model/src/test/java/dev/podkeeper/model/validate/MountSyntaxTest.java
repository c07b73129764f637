package dev.podkeeper.model.validate;

import static dev.podkeeper.model.validate.ValueSyntaxTest.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MountSyntaxTest {

  @Test
  void volumes() throws FormatException {
    assertThat(MountSyntax.volume("/srv/a:/config")).isEqualTo(new VolumeMount("/srv/a", "/config", false));
    assertThat(MountSyntax.volume("/srv/a:/config:ro")).isEqualTo(new VolumeMount("/srv/a", "/config", true));
    assertThat(MountSyntax.volume("/srv/a:/config:rw")).isEqualTo(new VolumeMount("/srv/a", "/config", false));
    assertThat(MountSyntax.volume("cache_1.x:/cache")).isEqualTo(new VolumeMount("cache_1.x", "/cache", false));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /srv/a                 | VOLUMES_SYNTAX | 'volume "/srv/a" is not SOURCE:CONTAINERPATH[:ro|:rw]'
      :/config               | VOLUMES_SYNTAX | volume ":/config" is not SOURCE:CONTAINERPATH
      /a:/b:ro:z             | VOLUMES_SYNTAX | is not SOURCE:CONTAINERPATH
      /srv/a:config          | VOLUMES_SYNTAX | volume "/srv/a:config" needs an absolute container path
      /srv/a:/config:Z       | VOLUMES_SYNTAX | volume "/srv/a:/config:Z" has option "Z"; the options are ro and rw
      my cache:/cache        | VOLUMES_SYNTAX | has source "my cache", which is neither an absolute host path nor a volume name
      ./data:/data           | PATH_ABSOLUTE  | volume source "./data" is not an absolute path
      data/x:/data           | PATH_ABSOLUTE  | volume source "data/x" is not an absolute path
      ~/data:/data           | PATH_ABSOLUTE  | volume source "~/data" is not an absolute path
      /srv/../etc:/data      | PATH_NORMALISED | volume source "/srv/../etc" is not normalised; write "/etc"
      """)
  void volumesThatAreNot(String text, Rule rule, String words) {
    assertFails(() -> MountSyntax.volume(text), rule, words);
  }

  @Test
  void devices() throws FormatException {
    assertThat(MountSyntax.device("/dev/net/tun")).isEqualTo(new DeviceMapping("/dev/net/tun", "/dev/net/tun", "rwm"));
    assertThat(MountSyntax.device("/dev/dri/renderD128:/dev/dri/card0"))
        .isEqualTo(new DeviceMapping("/dev/dri/renderD128", "/dev/dri/card0", "rwm"));
    assertThat(MountSyntax.device("/dev/fuse:/dev/fuse:r")).isEqualTo(new DeviceMapping("/dev/fuse", "/dev/fuse", "r"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      /dev/a:/dev/a:x        | DEVICES_SYNTAX | device "/dev/a:/dev/a:x" has permissions other than r, w, m
      /dev/a:/dev/a:rr       | DEVICES_SYNTAX | has permissions other than r, w, m
      /dev/a:/dev/a:         | DEVICES_SYNTAX | has permissions other than r, w, m
      /dev/a:b               | DEVICES_SYNTAX | device "/dev/a:b" needs an absolute container path
      /a:/b:r:w              | DEVICES_SYNTAX | is not HOST[:CONTAINER[:PERMS]]
      dev/net/tun            | DEVICES_SYNTAX | needs an absolute container path
      dev/net/tun:/dev/tun   | PATH_ABSOLUTE  | device "dev/net/tun" is not an absolute path
      """)
  void devicesThatAreNot(String text, Rule rule, String words) {
    assertFails(() -> MountSyntax.device(text), rule, words);
  }
}
