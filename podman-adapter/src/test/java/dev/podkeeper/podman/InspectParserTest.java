package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.observed.ContainerDetails;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compatible inspect as Podman 4.3.1 answered it (trimmed), read into the file's terms. */
class InspectParserTest {
  private static final String HAND_MADE = """
      {"Id": "97df9f7fda91aa", "Name": "ai-x",
       "Config": {"Hostname": "97df9f7fda91", "User": "nobody", "Env": ["container=podman", "PATH=/bin", "A=b=c"],
         "Cmd": ["sleep", "600"], "Image": "localhost/podkeeper-test:1", "WorkingDir": "/tmp", "Entrypoint": [],
         "Labels": {"app": "x"}, "StopTimeout": 3,
         "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 15000000000, "Timeout": 30000000000, "Retries": 3}},
       "HostConfig": {"Binds": ["/srv/bind:/data:ro,rprivate,rbind"], "NetworkMode": "bridge",
         "PortBindings": {"8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": "18777"}], "53/udp": [{"HostIp": "", "HostPort": "5353"}]},
         "RestartPolicy": {"Name": "always", "MaximumRetryCount": 0}, "CapAdd": ["NET_ADMIN"], "CapDrop": ["MKNOD"],
         "Devices": [{"PathOnHost": "/dev/null", "PathInContainer": "/dev/mynull", "CgroupPermissions": ""}],
         "Memory": 268435456, "NanoCpus": 500000000, "Privileged": false},
       "Mounts": [{"Type": "volume", "Name": "aivol", "Source": "/var/lib/containers/storage/volumes/aivol/_data",
                   "Destination": "/vol", "RW": true},
                  {"Type": "bind", "Source": "/srv/bind", "Destination": "/data", "RW": false},
                  {"Type": "tmpfs", "Source": "", "Destination": "/run", "RW": true}],
       "NetworkSettings": {"Networks": {"ai-net": {"Aliases": ["97df9f7fda91", "web"]}}}}
      """;

  @Test
  void aHandMadeContainerReadsAsTheFileWouldSayIt() throws Exception {
    ContainerDetails d = InspectParser.container(new ObjectMapper().readTree(HAND_MADE));

    assertThat(d.name()).isEqualTo("ai-x");
    assertThat(d.image()).isEqualTo("localhost/podkeeper-test:1");
    assertThat(d.networks()).containsExactly("ai-net");
    assertThat(d.aliases()).containsExactly("97df9f7fda91", "web");
    assertThat(d.namespaceProviderId()).isEmpty();
    assertThat(d.ports()).containsExactlyInAnyOrder(
        new PortMapping("127.0.0.1", 18777, 8080, PortMapping.Protocol.TCP),
        new PortMapping("0.0.0.0", 5353, 53, PortMapping.Protocol.UDP));
    assertThat(d.volumes()).containsExactly(new VolumeMount("aivol", "/vol", false),
        new VolumeMount("/srv/bind", "/data", true));
    assertThat(d.env()).containsEntry("A", "b=c").containsEntry("container", "podman");
    assertThat(d.devices()).containsExactly(new DeviceMapping("/dev/null", "/dev/mynull", ""));
    assertThat(d.memoryBytes()).contains(268435456L);
    assertThat(d.cpus()).contains(0.5);
    assertThat(d.restart()).isEqualTo(RestartPolicy.ALWAYS);
    assertThat(d.health()).get().satisfies(h -> {
      assertThat(h.interval()).isEqualTo(Duration.ofSeconds(15));
      assertThat(h.startPeriod()).isZero();
    });
    assertThat(d.command()).containsExactly("sleep", "600");
    assertThat(d.entrypoint()).isEmpty();
    assertThat(d.stopTimeout()).contains(Duration.ofSeconds(3));
  }

  @Test
  void aMemberNamesItsProviderAndNoNetwork() throws Exception {
    ContainerDetails d = InspectParser.container(new ObjectMapper().readTree("""
        {"Id": "7b5e", "Name": "/ai-mem", "Config": {"Image": "img"},
         "HostConfig": {"NetworkMode": "container:ccf1df50e846"},
         "NetworkSettings": {"Networks": {"ai-net": {"Aliases": ["ccf1df50e846"]}}}}
        """));

    assertThat(d.name()).isEqualTo("ai-mem");
    assertThat(d.namespaceProviderId()).contains("ccf1df50e846");
    assertThat(d.networks()).isEmpty();
    assertThat(d.aliases()).isEmpty();
    assertThat(d.ports()).isEmpty();
    assertThat(d.stopTimeout()).isEmpty();
    assertThat(d.restart()).isEqualTo(RestartPolicy.NO);
    assertThat(d.command()).isEqualTo(List.of());
  }
}
