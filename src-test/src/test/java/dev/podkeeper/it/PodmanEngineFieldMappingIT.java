package dev.podkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.podkeeper.model.Labels;
import dev.podkeeper.model.desired.ContainerSpec;
import dev.podkeeper.model.desired.DeviceMapping;
import dev.podkeeper.model.desired.HealthCheck;
import dev.podkeeper.model.desired.NetworkAttachment;
import dev.podkeeper.model.desired.NetworkSpec;
import dev.podkeeper.model.desired.PortMapping;
import dev.podkeeper.model.desired.RestartPolicy;
import dev.podkeeper.model.desired.VolumeMount;
import dev.podkeeper.model.observed.HealthStatus;
import dev.podkeeper.model.observed.ObservedContainer;
import dev.podkeeper.model.port.EngineEvent;
import dev.podkeeper.model.port.EngineEventListener;
import dev.podkeeper.model.port.EngineException;
import dev.podkeeper.model.port.ResolvedContainer;
import dev.podkeeper.podman.HostNamespaces;
import dev.podkeeper.podman.PodmanEngine;
import dev.podkeeper.podman.PodmanLabels;
import dev.podkeeper.podman.PodmanTimeouts;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Podman makes of each field podkeeper sends, read back with {@code podman inspect}: things the
 * engine contract cannot see through the port (ports bound on loopback only, capabilities, devices, limits,
 * restart policy, health check, env, read-only binds, aliases, the namespace provider).
 */
class PodmanEngineFieldMappingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** httpd as PID 1 ignores SIGTERM: keep the wait of stops and forced removals short. */
  private static final Duration STOP = Duration.ofSeconds(1);
  private static final String SECRET = "s3cr3t-token-value";

  private final PodmanEngineFixture.Engine podman = PodmanEngineFixture.get();
  private final List<String> containers = new ArrayList<>();
  private final List<String> networks = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private PodmanEngine engine;
  private String stack;

  @TempDir
  Path www;

  @BeforeEach
  void setUp() throws IOException {
    engine = new PodmanEngine(podman.socket());
    stack = podman.uniqueName("pkf");
    Files.setPosixFilePermissions(www, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(www.resolve("index.html"), "served by " + stack + "\n");
  }

  @AfterEach
  void removeWhatTheTestCreated() throws IOException {
    Collections.reverse(containers);
    containers.forEach(id -> ignoreErrors(() -> engine.removeContainer(id)));
    networks.forEach(n -> ignoreErrors(() -> engine.removeNetwork(n)));
    volumes.forEach(v -> ignoreErrors(() -> podman.podman("volume", "rm", "--force", v)));
    engine.close();
  }

  @Test
  void aNetworkGetsItsSubnetGatewayDnsAndLabels() throws IOException {
    String subnet = podman.randomSubnet();
    String gateway = subnet.replace(".0/24", ".1");
    String withDns = network(new NetworkSpec(stack + "-dns", Optional.of(subnet), Optional.of(gateway), true));
    String withoutDns = network(new NetworkSpec(stack + "-nodns", Optional.empty(), Optional.empty(), false));

    JsonNode dns = inspect("network", withDns);
    assertThat(dns.path("driver").asText()).isEqualTo("bridge");
    assertThat(dns.path("subnets").get(0).path("subnet").asText()).isEqualTo(subnet);
    assertThat(dns.path("subnets").get(0).path("gateway").asText()).isEqualTo(gateway);
    assertThat(dns.path("dns_enabled").asBoolean()).isTrue();
    assertThat(dns.path("labels").path(Labels.STACK).asText()).isEqualTo(stack);
    assertThat(inspect("network", withoutDns).path("dns_enabled").asBoolean()).isFalse();
  }

  @Test
  void everyFieldOfAContainerReachesPodman() throws Exception {
    String net = network(new NetworkSpec(stack + "-net", Optional.empty(), Optional.empty(), true));
    int tcpPort = podman.freeLoopbackPort();
    int udpPort = podman.freeLoopbackPort();
    String volume = stack + "-data";
    volumes.add(volume);
    ContainerSpec spec = ContainerSpec.builder(stack + "-web", podman.image(), new NetworkAttachment.Bridge(net))
        .aliases(List.of(stack + "-alias"))
        .ports(List.of(new PortMapping("127.0.0.1", tcpPort, 8080, PortMapping.Protocol.TCP),
            new PortMapping("127.0.0.1", udpPort, 5353, PortMapping.Protocol.UDP)))
        .volumes(List.of(new VolumeMount(www.toString(), "/www", true), new VolumeMount(volume, "/data", false)))
        .capAdd(List.of("NET_ADMIN"))
        .capDrop(List.of("CHOWN"))
        .devices(List.of(new DeviceMapping("/dev/null", "/dev/pk-null", "rwm")))
        .memoryBytes(Optional.of(64L << 20))
        .cpus(Optional.of(0.5))
        .command(Optional.of(List.of("httpd", "-f", "-p", "8080", "-h", "/www")))
        .user(Optional.of("65534:65534"))
        .workdir(Optional.of("/www"))
        .hostname(Optional.of("webhost"))
        .labels(Map.of("purpose", "field-mapping"))
        .restart(RestartPolicy.ON_FAILURE)
        .stopTimeout(Optional.of(STOP))
        .health(Optional.of(new HealthCheck(List.of("CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/ || exit 1"),
            Duration.ofSeconds(7), Duration.ofSeconds(3), 2, Duration.ofSeconds(1))))
        .build();
    ResolvedContainer resolved = new ResolvedContainer(spec,
        Map.of("GREETING", "hello", "SECRET_TOKEN", SECRET), Optional.empty(), stack, "hash-web");

    String id = create(resolved);
    JsonNode c = inspect("container", id);
    JsonNode host = c.path("HostConfig");
    JsonNode config = c.path("Config");

    JsonNode bindings = host.path("PortBindings");
    assertThat(bindings.path("8080/tcp")).hasSize(1);
    assertThat(bindings.path("8080/tcp").get(0).path("HostIp").asText()).isEqualTo("127.0.0.1");
    assertThat(bindings.path("8080/tcp").get(0).path("HostPort").asText()).isEqualTo(Integer.toString(tcpPort));
    assertThat(bindings.path("5353/udp").get(0).path("HostIp").asText()).isEqualTo("127.0.0.1");
    assertThat(bindings.path("5353/udp").get(0).path("HostPort").asText()).isEqualTo(Integer.toString(udpPort));
    assertThat(texts(host.path("CapAdd"))).contains("CAP_NET_ADMIN");
    assertThat(texts(host.path("CapDrop"))).contains("CAP_CHOWN");
    assertThat(texts(c.path("EffectiveCaps"))).contains("CAP_NET_ADMIN").doesNotContain("CAP_CHOWN");
    assertThat(host.path("Devices").get(0).path("PathOnHost").asText()).isEqualTo("/dev/null");
    assertThat(host.path("Devices").get(0).path("PathInContainer").asText()).isEqualTo("/dev/pk-null");
    assertThat(host.path("Memory").asLong()).isEqualTo(64L << 20);
    assertThat(host.path("NanoCpus").asLong()).isEqualTo(500_000_000L);
    assertThat(host.path("RestartPolicy").path("Name").asText()).isEqualTo("on-failure");
    assertThat(host.path("Privileged").asBoolean()).isFalse();
    assertThat(texts(config.path("Env"))).contains("GREETING=hello", "SECRET_TOKEN=" + SECRET);
    assertThat(texts(config.path("Cmd"))).containsExactly("httpd", "-f", "-p", "8080", "-h", "/www");
    assertThat(config.path("User").asText()).isEqualTo("65534:65534");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/www");
    assertThat(config.path("Hostname").asText()).isEqualTo("webhost");
    assertThat(config.path("StopTimeout").asInt()).isEqualTo(1);
    assertThat(config.path("Labels").path("purpose").asText()).isEqualTo("field-mapping");
    assertThat(config.path("Labels").path(Labels.STACK).asText()).isEqualTo(stack);
    assertThat(config.path("Labels").path(Labels.SPEC_HASH).asText()).isEqualTo("hash-web");
    JsonNode health = config.path("Healthcheck");
    assertThat(texts(health.path("Test"))).containsExactly("CMD-SHELL", "wget -q -O- http://127.0.0.1:8080/ || exit 1");
    assertThat(health.path("Interval").asLong()).isEqualTo(7_000_000_000L);
    assertThat(health.path("Timeout").asLong()).isEqualTo(3_000_000_000L);
    assertThat(health.path("Retries").asInt()).isEqualTo(2);
    assertThat(health.path("StartPeriod").asLong()).isEqualTo(1_000_000_000L);
    assertThat(mount(c, "/www").path("Type").asText()).isEqualTo("bind");
    assertThat(mount(c, "/www").path("Source").asText()).isEqualTo(www.toString());
    assertThat(mount(c, "/www").path("RW").asBoolean()).isFalse();
    assertThat(mount(c, "/data").path("Type").asText()).isEqualTo("volume");
    assertThat(mount(c, "/data").path("Name").asText()).isEqualTo(volume);
    assertThat(mount(c, "/data").path("RW").asBoolean()).isTrue();
    assertThat(texts(c.path("NetworkSettings").path("Networks").path(net).path("Aliases"))).contains(stack + "-alias");

    engine.startContainer(id);

    // httpd inside starts listening a moment after the container is running.
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .untilAsserted(() -> assertThat(httpGet("127.0.0.1", tcpPort)).isEqualTo("served by " + stack + "\n"));
    assertThat(engine.runHealthCheck(id)).isEqualTo(HealthStatus.HEALTHY);
    assertThatThrownBy(() -> podman.podman("exec", id, "touch", "/www/written"))
        .as("the bind is read-only").hasMessageContaining("Read-only file system");
    assertThat(podman.podman("exec", id, "ls", "/dev/pk-null").strip()).isEqualTo("/dev/pk-null");
    for (InetAddress other : nonLoopbackAddresses()) {
      assertThatThrownBy(() -> httpGet(other.getHostAddress(), tcpPort))
          .as("port %d is bound on loopback only, not on %s", tcpPort, other).isInstanceOf(IOException.class);
    }
    String pid = inspect("container", id).path("State").path("Pid").asText();
    String onHost = Files.readSymbolicLink(Path.of("/proc", pid, "ns/net")).toString();
    assertThat(engine.inspectContainer(id).orElseThrow().networkNamespace()).as("read on the host").contains(onHost);
    try (PodmanEngine blind = new PodmanEngine(podman.socket(), PodmanTimeouts.DEFAULT, HostNamespaces.NONE)) {
      assertThat(blind.inspectContainer(id).orElseThrow().networkNamespace())
          .as("the engine's word, in the form readlink /proc/PID/ns/net prints").contains(onHost);
    }
  }

  @Test
  void aMemberJoinsItsProviderByIdAndReachesItsLoopback() throws Exception {
    String net = network(new NetworkSpec(stack + "-net", Optional.empty(), Optional.empty(), true));
    ContainerSpec providerSpec = ContainerSpec.builder(stack + "-vpn", podman.image(), new NetworkAttachment.Bridge(net))
        .volumes(List.of(new VolumeMount(www.toString(), "/www", true)))
        .command(Optional.of(List.of("httpd", "-f", "-p", "8080", "-h", "/www")))
        .stopTimeout(Optional.of(STOP))
        .build();
    String providerId = create(new ResolvedContainer(providerSpec, Map.of(), Optional.empty(), stack, "h1"));
    ContainerSpec memberSpec = ContainerSpec.builder(stack + "-qb", podman.image(),
        new NetworkAttachment.ContainerNamespace(providerSpec.name())).build();
    String memberId = create(new ResolvedContainer(memberSpec, Map.of(), Optional.of(providerId), stack, "h2"));

    JsonNode member = inspect("container", memberId);
    assertThat(member.path("HostConfig").path("NetworkMode").asText()).isEqualTo("container:" + providerId);
    assertThat(member.path("Config").path("Labels").path(PodmanLabels.PROVIDER_ID).asText()).isEqualTo(providerId);

    engine.startContainer(providerId);
    engine.startContainer(memberId);

    assertThat(podman.podman("exec", memberId, "wget", "-q", "-O-", "http://127.0.0.1:8080/"))
        .isEqualTo("served by " + stack + "\n");
    String namespace = Files.readSymbolicLink(
        Path.of("/proc", inspect("container", providerId).path("State").path("Pid").asText(), "ns/net")).toString();
    try (PodmanEngine blind = new PodmanEngine(podman.socket(), PodmanTimeouts.DEFAULT, HostNamespaces.NONE)) {
      for (PodmanEngine each : List.of(engine, blind)) {
        List<ObservedContainer> listed = each.listContainers();
        assertThat(listed).filteredOn(c -> c.id().equals(providerId) || c.id().equals(memberId))
            .as("read on the host, or (an engine whose processes it cannot see) asked of the engine")
            .extracting(c -> c.networkNamespace().orElse("none")).containsExactly(namespace, namespace);
      }
    }
    assertThatThrownBy(() -> engine.removeContainer(providerId))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("remove container " + providerId)
        .hasMessageContaining("dependent containers")
        .hasMessageContaining("remove them first");
  }

  @Test
  void privilegedAndEntrypointReachPodman() throws IOException {
    ContainerSpec spec = ContainerSpec.builder(stack + "-priv", podman.image(), bridge())
        .privileged(true)
        .entrypoint(Optional.of(List.of("/bin/sh", "-c")))
        .command(Optional.of(List.of("trap 'exit 0' TERM; while :; do sleep 1 & wait; done")))
        .restart(RestartPolicy.NO)
        .build();

    JsonNode c = inspect("container", create(new ResolvedContainer(spec, Map.of(), Optional.empty(), stack, "h")));

    assertThat(c.path("HostConfig").path("Privileged").asBoolean()).isTrue();
    // Podman's own inspect joins the entrypoint into one string.
    assertThat(c.path("Config").path("Entrypoint").asText()).isEqualTo("/bin/sh -c");
    assertThat(texts(c.path("Config").path("Cmd"))).containsExactly("trap 'exit 0' TERM; while :; do sleep 1 & wait; done");
    assertThat(c.path("HostConfig").path("RestartPolicy").path("Name").asText()).isIn("no", "");
  }

  /**
   * The list's ExitCode, and the OOM verdict of inspect for a run that ended with 137 (the list has no OOM
   * flag). On cgroup v1 with runc (this project's VMs) Podman reports OOMKilled false even when the kernel's
   * OOM killer did it (dmesg says so): the test holds podkeeper to what Podman says, whichever it is.
   */
  @Test
  void howARunEndedComesFromTheListAndOomFromOneInspect() throws IOException {
    String exits3 = create(new ResolvedContainer(ContainerSpec.builder(stack + "-exit3", podman.image(), bridge())
        .command(Optional.of(List.of("sh", "-c", "exit 3"))).restart(RestartPolicy.NO).build(),
        Map.of(), Optional.empty(), stack, "h"));
    String hog = create(new ResolvedContainer(ContainerSpec.builder(stack + "-oom", podman.image(), bridge())
        .memoryBytes(Optional.of(8L << 20)).restart(RestartPolicy.NO)
        .command(Optional.of(List.of("sh", "-c", "x=a; while :; do x=$x$x; done"))).build(),
        Map.of(), Optional.empty(), stack, "h"));
    engine.startContainer(exits3);
    engine.startContainer(hog);

    await().atMost(Duration.ofSeconds(30)).until(() -> observed(exits3).exitCode().isPresent()
        && observed(hog).exitCode().isPresent());

    assertThat(observed(exits3).exitCode()).contains(3);
    assertThat(observed(exits3).oomKilled()).isFalse();
    ObservedContainer killed = observed(hog);
    assertThat(killed.exitCode()).contains(137);
    assertThat(killed.oomKilled()).isEqualTo(inspect("container", hog).path("State").path("OOMKilled").asBoolean());
    long before = engine.callCount();
    observed(hog);
    assertThat(engine.callCount() - before).as("that run's verdict is remembered: one list call").isEqualTo(1);
  }

  @Test
  void anEngineErrorQuotesPodmanButNeverAnEnvValue() {
    ContainerSpec spec = ContainerSpec.builder(stack + "-dup", podman.image(), bridge()).build();
    ResolvedContainer resolved = new ResolvedContainer(spec, Map.of("SECRET_TOKEN", SECRET), Optional.empty(), stack, "h");
    create(resolved);

    assertThatThrownBy(() -> engine.createContainer(resolved))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("create container " + spec.name() + ": Podman says: ")
        .hasMessageContaining("already in use")
        .hasMessageNotContaining(SECRET)
        .hasNoCause();
  }

  @Test
  void aFailedPullQuotesPodman() {
    String image = "localhost:1/podkeeper-nothing-here:1";

    assertThatThrownBy(() -> engine.pullImage(image))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("pull image " + image + ": Podman says: ");
    assertThat(engine.imageExists(image)).isFalse();
  }

  @Test
  void healthStatusEventsCarryTheStatus() throws Exception {
    ContainerSpec spec = ContainerSpec.builder(stack + "-hc", podman.image(), bridge())
        .health(Optional.of(new HealthCheck(List.of("CMD", "true"), Duration.ofMinutes(5), Duration.ofSeconds(5), 1,
            Duration.ZERO)))
        .build();
    String id = create(new ResolvedContainer(spec, Map.of(), Optional.empty(), stack, "h"));
    List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());
    long before = engine.callCount();
    AutoCloseable subscription = engine.subscribeEvents(listener(events));
    try {
      assertThat(engine.callCount()).as("a subscription is one call").isEqualTo(before + 1);
      engine.startContainer(id);
      // Podman 4.3.1's health_status event carries the status from before the check ("starting" after
      // the first passing run), so the second run's event is the first to say "healthy".
      assertThat(engine.runHealthCheck(id)).isEqualTo(HealthStatus.HEALTHY);
      engine.runHealthCheck(id);

      await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e ->
          e.id().equals(id) && e.action().equals("health_status")
              && "healthy".equals(e.attributes().get("health_status"))
              && stack.equals(e.attributes().get(Labels.STACK))));
    } finally {
      subscription.close();
    }
  }

  /** What an event-triggered pass verifies a touched container with: one call, health and namespace included. */
  @Test
  void anInspectOfARunningContainerIsOneCallAndSaysWhatTheListSays() {
    ContainerSpec spec = ContainerSpec.builder(stack + "-one", podman.image(), bridge())
        .health(Optional.of(new HealthCheck(List.of("CMD", "true"), Duration.ofMinutes(5), Duration.ofSeconds(5), 1,
            Duration.ZERO)))
        .build();
    String id = create(new ResolvedContainer(spec, Map.of(), Optional.empty(), stack, "h"));
    engine.startContainer(id);
    engine.runHealthCheck(id);
    engine.runHealthCheck(id);

    long before = engine.callCount();
    ObservedContainer inspected = engine.inspectContainer(id).orElseThrow();
    long calls = engine.callCount() - before;
    ObservedContainer listed = engine.listContainers().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();

    assertThat(calls).isEqualTo(1);
    assertThat(inspected.health()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(inspected.networkNamespace()).as("read on the host").isPresent();
    assertThat(inspected.withNetworkNamespace(listed.networkNamespace())).isEqualTo(listed);
  }

  // ---- helpers ----

  private String network(NetworkSpec spec) {
    engine.createNetwork(spec, Map.of(Labels.STACK, stack));
    networks.add(spec.name());
    return spec.name();
  }

  private NetworkAttachment bridge() {
    String name = stack + "-net";
    if (!networks.contains(name)) {
      network(new NetworkSpec(name, Optional.empty(), Optional.empty(), true));
    }
    return new NetworkAttachment.Bridge(name);
  }

  private String create(ResolvedContainer resolved) {
    String id = engine.createContainer(resolved);
    containers.add(id);
    return id;
  }

  private ObservedContainer observed(String id) {
    return engine.listContainers().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  private JsonNode inspect(String kind, String nameOrId) throws IOException {
    return JSON.readTree(podman.podman(kind, "inspect", nameOrId)).get(0);
  }

  private static JsonNode mount(JsonNode container, String destination) {
    for (JsonNode m : container.path("Mounts")) {
      if (m.path("Destination").asText().equals(destination)) {
        return m;
      }
    }
    throw new AssertionError("no mount at " + destination + " in " + container.path("Mounts"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static String httpGet(String host, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 2000);
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      try (InputStream in = socket.getInputStream()) {
        String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return response.substring(response.indexOf("\r\n\r\n") + 4);
      }
    }
  }

  private static List<InetAddress> nonLoopbackAddresses() throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback() && !nic.getName().startsWith("podman") && !nic.getName().startsWith("veth")) {
        Collections.list(nic.getInetAddresses()).stream().filter(a -> a instanceof Inet4Address).forEach(addresses::add);
      }
    }
    return addresses;
  }

  private static EngineEventListener listener(List<EngineEvent> events) {
    return new EngineEventListener() {
      @Override
      public void onEvent(EngineEvent event) {
        events.add(event);
      }

      @Override
      public void onClosed(Throwable cause) {}
    };
  }

  private static void ignoreErrors(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException ignored) {
      // already gone
    }
  }
}
