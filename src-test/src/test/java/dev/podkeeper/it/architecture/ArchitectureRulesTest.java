package dev.podkeeper.it.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The module boundaries of DEVELOPERS.md, checked on the production classes of every module (this module's
 * test class path holds them all): library types stay in their adapter, the model stands alone, and the
 * model and the planner decide without touching the world (no files, sockets, processes, environment or
 * wall clock), so that they can be tested as tables.
 */
@AnalyzeClasses(packages = "dev.podkeeper", importOptions = ArchitectureRulesTest.ProductionClasses.class)
class ArchitectureRulesTest {
  private static final String MODEL = "dev.podkeeper.model..";
  private static final String PLANNER = "dev.podkeeper.agent.plan..";

  /**
   * Types whose only use is I/O. {@code java.io.IOException} and {@code java.nio.file.Path} are not among them:
   * a port may declare the one, and a path is a value until something opens it.
   */
  private static final DescribedPredicate<JavaClass> IO_TYPES = resideInAnyPackage(
      "java.nio.channels..", "java.net.http..", "java.nio.file.attribute..", "java.util.logging..")
      .or(nameMatching("java\\.io\\.(File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile"
          + "|Console|PrintStream)"))
      .or(nameMatching("java\\.nio\\.file\\.(Files|FileSystems|FileSystem|WatchService|DirectoryStream)"))
      .or(nameMatching("java\\.net\\.(Socket|ServerSocket|DatagramSocket|MulticastSocket|URLConnection"
          + "|HttpURLConnection|NetworkInterface)"))
      .or(nameMatching("java\\.lang\\.(Process|ProcessBuilder|ProcessHandle|Runtime)"))
      .or(nameMatching("org\\.slf4j\\..*|ch\\.qos\\.logback\\..*"))
      .as("are I/O types (files, sockets, processes, logging)");

  /** Calls that read the outside world through otherwise pure types. */
  private static final DescribedPredicate<JavaAccess<?>> IO_MEMBERS = target(describe("an I/O member",
      (AccessTarget t) -> ioMember(t.getOwner().getName(), t.getName(), parameterCount(t))))
      .as("a call that reads the environment, the clock or the network, or touches a file");

  private static final Set<String> SYSTEM_IO = Set.of("getenv", "getProperty", "getProperties", "currentTimeMillis",
      "nanoTime", "exit", "console", "out", "err", "in", "setOut", "setErr", "load", "loadLibrary");

  @ArchTest
  static final ArchRule dockerJavaOnlyInThePodmanAdapter = noClasses()
      .that().resideOutsideOfPackage("dev.podkeeper.podman..")
      .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
      .because("the agent talks to ContainerEngine; docker-java's types stay in podman-adapter");

  @ArchTest
  static final ArchRule dbusOnlyInTheSystemdAdapter = noClasses()
      .that().resideOutsideOfPackage("dev.podkeeper.systemd..")
      .should().dependOnClassesThat().resideInAPackage("org.freedesktop.dbus..")
      .because("the agent talks to UnitManager; dbus-java's types stay in systemd-adapter");

  @ArchTest
  static final ArchRule httpClientOnlyInTheProxyAndRegistryAdaptersAndUnderDockerJava = noClasses()
      .that().resideOutsideOfPackages("dev.podkeeper.proxy..", "dev.podkeeper.registry..", "dev.podkeeper.podman..")
      .should().dependOnClassesThat().resideInAPackage("org.apache.hc..")
      .because("the agent talks to ReverseProxy and ImageRegistry; Apache HttpClient's types stay in proxy-adapter"
          + " and registry-adapter (and under docker-java's transport in podman-adapter)");

  @ArchTest
  static final ArchRule thePrometheusClientOnlyInTheMetricsPackage = noClasses()
      .that().resideOutsideOfPackage("dev.podkeeper.agent.metrics..")
      .should().dependOnClassesThat().resideInAPackage("io.prometheus..")
      .because("the loop tells PassListener and ImageUpdateListener; the Prometheus client's types stay in"
          + " agent's metrics package");

  @ArchTest
  static final ArchRule fabric8OnlyInTheKubeAdapter = noClasses()
      .that().resideOutsideOfPackage("dev.podkeeper.kube..")
      .should().dependOnClassesThat().resideInAPackage("io.fabric8..")
      .because("export asks KubeManifests for text; fabric8's kubernetes-model stays in kube-adapter");

  @ArchTest
  static final ArchRule theModelDependsOnNoOtherModule = noClasses()
      .that().resideInAPackage(MODEL)
      .should().dependOnClassesThat().resideInAnyPackage("dev.podkeeper.agent..", "dev.podkeeper.podman..",
          "dev.podkeeper.systemd..", "dev.podkeeper.proxy..", "dev.podkeeper.registry..", "dev.podkeeper.kube..")
      .because("every module depends on the model, which depends on none of them");

  @ArchTest
  static final ArchRule theModelAndThePlannerDoNoIo = noClasses()
      .that().resideInAnyPackage(MODEL, PLANNER)
      // The one read the model does: the desired-state file, bounded (8 MiB) and strictly decoded.
      .and().doNotHaveFullyQualifiedName("dev.podkeeper.model.parse.SourceText")
      .should().dependOnClassesThat(IO_TYPES)
      .orShould().accessTargetWhere(IO_MEMBERS)
      .because("the model and the planner decide (desired + observed -> plan); observing and acting is the"
          + " adapters' and the executor's work, behind the ports");

  @ArchTest
  static final ArchRule doctorsChecksJudgeWithoutLooking = noClasses()
      .that().resideInAPackage("dev.podkeeper.agent.doctor..").and().haveSimpleNameEndingWith("Check")
      .should().dependOnClassesThat(IO_TYPES)
      .orShould().accessTargetWhere(IO_MEMBERS)
      .orShould().dependOnClassesThat(nameMatching("dev\\.podkeeper\\.(agent\\.doctor\\.(ProcFs|LocalProcFs|NetworkProbes"
          + "|FactsGatherer|SocketOwners)|model\\.port\\.ContainerEngine)"))
      .because("doctor's checks judge the facts FactsGatherer gathered, so that each is tested from fixtures");

  static boolean ioMember(String owner, String member, int parameters) {
    return switch (owner) {
      case "java.lang.System" -> SYSTEM_IO.contains(member);
      case "java.lang.Thread" -> member.equals("sleep");
      case "java.nio.file.Path" -> Set.of("toRealPath", "register", "toFile").contains(member);
      case "java.net.InetAddress" -> Set.of("getLocalHost", "getAllByName", "getHostName", "getCanonicalHostName",
          "isReachable").contains(member);
      case "java.net.URL" -> member.startsWith("open") || member.equals("getContent");
      // Clock.system*() and now(): the wall clock. now(Clock) with a clock handed in is fine.
      case "java.time.Clock" -> member.startsWith("system");
      default -> owner.startsWith("java.time.") && member.equals("now") && parameters == 0;
    };
  }

  private static int parameterCount(AccessTarget target) {
    return target instanceof AccessTarget.CodeUnitAccessTarget call ? call.getRawParameterTypes().size() : -1;
  }

  /** Main classes only: not the tests of any module, nor the test-jars (fakes may do what they like). */
  static final class ProductionClasses implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar.*");

    @Override
    public boolean includes(Location location) {
      return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
    }
  }
}
