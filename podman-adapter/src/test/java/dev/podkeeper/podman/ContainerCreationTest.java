package dev.podkeeper.podman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The request podkeeper sends, without an engine; src-test checks what Podman makes of it. */
class ContainerCreationTest {

  @Test
  void everyFieldOfTheSpecReachesTheRequest() {
    ContainerSpec spec = ContainerSpec.builder("web", "localhost/img:1", new NetworkAttachment.Bridge("media"))
        .aliases(List.of("www"))
        .ports(List.of(new PortMapping("127.0.0.1", 18080, 80, PortMapping.Protocol.TCP),
            new PortMapping("::1", 18080, 80, PortMapping.Protocol.TCP),
            new PortMapping("127.0.0.1", 15353, 53, PortMapping.Protocol.UDP)))
        .volumes(List.of(new VolumeMount("/srv/conf", "/config", true), new VolumeMount("webdata", "/data", false)))
        .capAdd(List.of("NET_ADMIN", "cap_sys_module"))
        .capDrop(List.of("CHOWN"))
        .devices(List.of(new DeviceMapping("/dev/net/tun", "/dev/net/tun", "rwm")))
        .memoryBytes(Optional.of(2L << 30))
        .cpus(Optional.of(1.5))
        .command(Optional.of(List.of("serve", "--port", "80")))
        .entrypoint(Optional.of(List.of("/bin/entry")))
        .user(Optional.of("1000:1000"))
        .workdir(Optional.of("/app"))
        .hostname(Optional.of("webhost"))
        .labels(Map.of("owner", "me"))
        .restart(RestartPolicy.ON_FAILURE)
        .stopTimeout(Optional.of(Duration.ofMillis(10_500)))
        .health(Optional.of(new HealthCheck(List.of("CMD-SHELL", "true"), Duration.ofSeconds(10),
            Duration.ofSeconds(5), 3, Duration.ofSeconds(30))))
        .build();
    ResolvedContainer resolved = new ResolvedContainer(spec, Map.of("B", "2", "A", "1"), Optional.empty(), "s", "h");

    CreateContainerCmdImpl cmd = create(resolved);
    HostConfig host = cmd.getHostConfig();

    assertThat(cmd.getName()).isEqualTo("web");
    assertThat(cmd.getImage()).isEqualTo("localhost/img:1");
    assertThat(cmd.getEnv()).containsExactly("A=1", "B=2");
    assertThat(cmd.getLabels()).containsEntry("owner", "me").containsEntry("dev.podkeeper.stack", "s")
        .containsEntry("dev.podkeeper.spec-hash", "h").doesNotContainKey(PodmanLabels.PROVIDER_ID);
    assertThat(host.getNetworkMode()).isEqualTo("media");
    assertThat(cmd.getAliases()).containsExactly("www");
    assertThat(cmd.getExposedPorts()).containsExactlyInAnyOrder(ExposedPort.tcp(80), ExposedPort.udp(53));
    Map<ExposedPort, Ports.Binding[]> bindings = host.getPortBindings().getBindings();
    assertThat(bindings.get(ExposedPort.tcp(80))).containsExactly(
        Ports.Binding.bindIpAndPort("127.0.0.1", 18080), Ports.Binding.bindIpAndPort("::1", 18080));
    assertThat(bindings.get(ExposedPort.udp(53))).containsExactly(Ports.Binding.bindIpAndPort("127.0.0.1", 15353));
    assertThat(host.getBinds()).containsExactly(
        new Bind("/srv/conf", new com.github.dockerjava.api.model.Volume("/config"), AccessMode.ro),
        new Bind("webdata", new com.github.dockerjava.api.model.Volume("/data"), AccessMode.rw));
    assertThat(host.getCapAdd()).containsExactly(Capability.NET_ADMIN, Capability.SYS_MODULE);
    assertThat(host.getCapDrop()).containsExactly(Capability.CHOWN);
    assertThat(host.getDevices()).singleElement().satisfies(d -> {
      assertThat(d.getPathOnHost()).isEqualTo("/dev/net/tun");
      assertThat(d.getPathInContainer()).isEqualTo("/dev/net/tun");
      assertThat(d.getcGroupPermissions()).isEqualTo("rwm");
    });
    assertThat(host.getPrivileged()).isFalse();
    assertThat(host.getMemory()).isEqualTo(2L << 30);
    assertThat(host.getNanoCPUs()).isEqualTo(1_500_000_000L);
    assertThat(host.getRestartPolicy()).isEqualTo(com.github.dockerjava.api.model.RestartPolicy.onFailureRestart(0));
    assertThat(cmd.getCmd()).containsExactly("serve", "--port", "80");
    assertThat(cmd.getEntrypoint()).containsExactly("/bin/entry");
    assertThat(cmd.getUser()).isEqualTo("1000:1000");
    assertThat(cmd.getWorkingDir()).isEqualTo("/app");
    assertThat(cmd.getHostName()).isEqualTo("webhost");
    assertThat(cmd.getStopTimeout()).isEqualTo(11);
    assertThat(cmd.getHealthcheck().getTest()).containsExactly("CMD-SHELL", "true");
    assertThat(cmd.getHealthcheck().getInterval()).isEqualTo(10_000_000_000L);
    assertThat(cmd.getHealthcheck().getTimeout()).isEqualTo(5_000_000_000L);
    assertThat(cmd.getHealthcheck().getRetries()).isEqualTo(3);
    assertThat(cmd.getHealthcheck().getStartPeriod()).isEqualTo(30_000_000_000L);
  }

  @Test
  void aNamespaceMemberJoinsItsProviderByIdAndRecordsIt() {
    ContainerSpec spec = ContainerSpec.builder("qb", "localhost/img:1", new NetworkAttachment.ContainerNamespace("vpn"))
        .build();
    ResolvedContainer resolved = new ResolvedContainer(spec, Map.of(), Optional.of("abc123"), "s", "h");

    CreateContainerCmdImpl cmd = create(resolved);

    assertThat(cmd.getHostConfig().getNetworkMode()).isEqualTo("container:abc123");
    assertThat(cmd.getLabels()).containsEntry(PodmanLabels.PROVIDER_ID, "abc123");
    assertThat(cmd.getAliases()).isNull();
  }

  @Test
  void withoutANetworkItJoinsPodmansDefaultOneAsPodmanRunWould() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.PodmanDefault()).build();

    CreateContainerCmdImpl cmd = create(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h"));

    assertThat(cmd.getHostConfig().getNetworkMode()).isEqualTo("bridge");
    assertThat(cmd.getAliases()).isNull();
  }

  @Test
  void anEmptyCommandMeansTheImagesOwn() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.Bridge("n"))
        .command(Optional.of(List.of())).build();

    assertThat(create(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h")).getCmd()).isNull();
  }

  @Test
  void anUnknownCapabilityIsAnEngineErrorNamingIt() {
    ContainerSpec spec = ContainerSpec.builder("c", "img", new NetworkAttachment.Bridge("n"))
        .capAdd(List.of("FLY")).build();

    assertThatThrownBy(() -> create(new ResolvedContainer(spec, Map.of(), Optional.empty(), "s", "h")))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("create container c: unknown capability FLY");
  }

  private static CreateContainerCmdImpl create(ResolvedContainer resolved) {
    CreateContainerCmd.Exec neverSent = command -> {
      throw new UnsupportedOperationException("not sent");
    };
    CreateContainerCmdImpl cmd = new CreateContainerCmdImpl(neverSent, null, resolved.spec().image());
    ContainerCreation.apply(cmd, resolved);
    return cmd;
  }
}
