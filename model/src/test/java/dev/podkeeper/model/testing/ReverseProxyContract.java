package dev.podkeeper.model.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.podkeeper.model.desired.SiteTls;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ProxyRefusedException;
import dev.podkeeper.model.port.ProxyUnreachableException;
import dev.podkeeper.model.port.ReverseProxy;
import dev.podkeeper.model.proxy.ObservedProxy;
import dev.podkeeper.model.proxy.ProxyIds;
import dev.podkeeper.model.proxy.ProxyRoute;
import dev.podkeeper.model.proxy.ProxyServer;
import dev.podkeeper.model.proxy.ServerTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ReverseProxy} must do, written down as Caddy 2.6.2 behaves. Run against
 * {@link FakeReverseProxy} ({@code FakeReverseProxyContractTest}) and against a Caddy the test starts itself
 * ({@code CaddyReverseProxyIT} in src-test), so that planner tests on the fake mean something.
 *
 * <p>Servers come back in no particular order (Caddy keeps them in a map); routes in a server keep theirs.
 *
 * <p>Subclasses give a fresh proxy per test whose config file already has a server of the user's own, listening
 * on {@link #userListener()} with a route of its own; the tests must never change that server.
 */
public abstract class ReverseProxyContract {
  protected static final String PREFIX = "podkeeper.contract.";
  private static final Optional<String> ANY_HOST = Optional.empty();

  protected ReverseProxy proxy;

  /** A proxy whose config file has the user's server, and nothing of podkeeper's. */
  protected abstract ReverseProxy newProxy();

  /** The user's server as the proxy has it now, in any form that changes when the server does. */
  protected abstract String userServerNow();

  /** The address the user's server listens on. */
  protected abstract String userListener();

  /** A loopback address nothing listens on, a new one each call. */
  protected abstract String freeListener();

  /** Restarts the proxy from its config file, as {@code systemctl restart caddy} does, and waits until it answers. */
  protected abstract void restartProxy();

  /** A proxy at an endpoint where nothing answers. */
  protected abstract ReverseProxy unreachableProxy();

  /** An upstream address for routes; nothing needs to answer there. */
  protected String upstream() {
    return "127.0.0.1:9";
  }

  /** Certificate files the proxy can load (a certificate for {@link #FILES_HOST} and its key). */
  protected SiteTls.Files certificateFiles() {
    return new SiteTls.Files(Path.of("/etc/ssl/files.example.test.crt"), Path.of("/etc/ssl/files.example.test.key"));
  }

  protected static final String FILES_HOST = "files.example.test";

  @BeforeEach
  final void givenAProxyWithOnlyTheUsersServer() {
    proxy = newProxy();
  }

  @Test
  void readSeesNoneOfTheUsersServersButTheListenersTheyHold() {
    ObservedProxy observed = proxy.read(PREFIX);

    assertThat(observed.servers()).isEmpty();
    assertThat(observed.foreignListeners()).contains(userListener());
  }

  @Test
  void aSiteWithKeptAndStrippedRoutesReadsBackAsItWasAdded() {
    ProxyServer site = site("main", freeListener(),
        ProxyRoute.onPath(PREFIX + "route.sonarr", Optional.of("media.example.test"), "/sonarr", false, upstream()),
        ProxyRoute.onPath(PREFIX + "route.qbt", ANY_HOST, "/qbt", true, "127.0.0.1:8080"));

    proxy.addServer(site);

    assertThat(proxy.read(PREFIX).servers()).containsExactly(site);
  }

  @Test
  void aPortModeServerReadsBackAsItWasAdded() {
    ProxyServer portMode = site("listen.jellyseerr", freeListener(),
        ProxyRoute.wholeServer(PREFIX + "route.jellyseerr", upstream()));

    proxy.addServer(portMode);

    assertThat(proxy.read(PREFIX).server(portMode.id())).contains(portMode);
  }

  @Test
  void aServerWithoutRoutesTakesRoutesOneByOne() {
    ProxyServer empty = site("main", freeListener());
    ProxyRoute sonarr = ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream());
    ProxyRoute radarr = ProxyRoute.onPath(PREFIX + "route.radarr", ANY_HOST, "/radarr", false, upstream());
    proxy.addServer(empty);

    proxy.addRoute(empty.id(), sonarr);
    proxy.addRoute(empty.id(), radarr);

    assertThat(proxy.read(PREFIX).server(empty.id())).contains(empty.withRoutes(List.of(sonarr, radarr)));
  }

  @Test
  void aRouteIsReplacedAndDeletedByItsIdAlone() {
    ProxyRoute sonarr = ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream());
    ProxyRoute radarr = ProxyRoute.onPath(PREFIX + "route.radarr", ANY_HOST, "/radarr", false, upstream());
    ProxyServer site = site("main", freeListener(), sonarr, radarr);
    proxy.addServer(site);
    ProxyRoute stripped = ProxyRoute.onPath(sonarr.id(), ANY_HOST, "/sonarr", true, "127.0.0.1:8990");

    proxy.replaceRoute(stripped);
    assertThat(proxy.read(PREFIX).server(site.id())).contains(site.withRoutes(List.of(stripped, radarr)));

    assertThat(proxy.delete(sonarr.id())).isTrue();
    assertThat(proxy.read(PREFIX).server(site.id())).contains(site.withRoutes(List.of(radarr)));
  }

  @Test
  void newListenersReplaceTheOldOnesAndTheRoutesStay() {
    ProxyServer site = site("main", freeListener(),
        ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream()));
    proxy.addServer(site);
    List<String> moved = List.of(freeListener(), freeListener());

    proxy.setListen(site.id(), moved);

    assertThat(proxy.read(PREFIX).server(site.id())).contains(site.withListen(moved));
  }

  @Test
  void aServerOnTheUsersListenerIsRefusedAloneAndNothingElseChanges() {
    ProxyServer kept = site("main", freeListener(),
        ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream()));
    proxy.addServer(kept);
    ObservedProxy before = proxy.read(PREFIX);
    ProxyServer clashing = site("listen.jellyseerr", userListener(),
        ProxyRoute.wholeServer(PREFIX + "route.jellyseerr", upstream()));

    assertThatThrownBy(() -> proxy.addServer(clashing))
        .isInstanceOf(ProxyRefusedException.class)
        .hasMessageContaining(userListener())
        .extracting(e -> ((ProxyRefusedException) e).kind()).isEqualTo(FailureKind.PERMANENT);

    assertThat(proxy.read(PREFIX)).isEqualTo(before);
    ProxyServer next = site("listen.prowlarr", freeListener(), ProxyRoute.wholeServer(PREFIX + "route.prowlarr", upstream()));
    proxy.addServer(next);
    assertThat(proxy.read(PREFIX).servers()).containsExactlyInAnyOrder(kept, next);
  }

  @Test
  void aServerWhoseIdExistsIsRefused() {
    ProxyServer site = site("main", freeListener());
    proxy.addServer(site);

    assertThatThrownBy(() -> proxy.addServer(site("main", freeListener()))).isInstanceOf(ProxyRefusedException.class);
    assertThat(proxy.read(PREFIX).servers()).containsExactly(site);
  }

  @Test
  void replacingARouteThatIsNotThereIsRefused() {
    proxy.addServer(site("main", freeListener()));

    assertThatThrownBy(() -> proxy.replaceRoute(ProxyRoute.wholeServer(PREFIX + "route.nowhere", upstream())))
        .isInstanceOf(ProxyRefusedException.class)
        .hasMessageContaining(PREFIX + "route.nowhere")
        .extracting(e -> ((ProxyRefusedException) e).kind()).isEqualTo(FailureKind.TRANSIENT);
  }

  @Test
  void aRepeatedIdIsAcceptedAndReportedAndEveryCopyCanBeDeleted() {
    ProxyRoute sonarr = ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream());
    ProxyServer site = site("main", freeListener(), sonarr);
    proxy.addServer(site);

    proxy.addRoute(site.id(), sonarr);

    assertThat(proxy.read(PREFIX).duplicateIds()).isEqualTo(Map.of(sonarr.id(), 2L));
    assertThat(proxy.delete(sonarr.id())).isTrue();
    assertThat(proxy.delete(sonarr.id())).isTrue();
    assertThat(proxy.delete(sonarr.id())).isFalse();
    assertThat(proxy.read(PREFIX).server(site.id())).contains(site.withRoutes(List.of()));
  }

  @Test
  void deletingAnIdThatIsNotThereSaysSo() {
    assertThat(proxy.delete(PREFIX + "route.nowhere")).isFalse();
  }

  @Test
  void aRestartForgetsEverythingAddedAndTheSameChangesBringItBack() {
    ProxyServer site = site("main", freeListener(),
        ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream()));
    proxy.addServer(site);

    restartProxy();
    assertThat(proxy.read(PREFIX).servers()).isEmpty();

    proxy.addServer(site);
    assertThat(proxy.read(PREFIX).servers()).containsExactly(site);
  }

  @Test
  void theUsersServerIsUntouchedByEveryChange() {
    String usersBefore = userServerNow();
    ProxyRoute sonarr = ProxyRoute.onPath(PREFIX + "route.sonarr", ANY_HOST, "/sonarr", false, upstream());
    ProxyServer site = site("main", freeListener(), sonarr);

    proxy.addServer(site);
    proxy.addRoute(site.id(), ProxyRoute.onPath(PREFIX + "route.radarr", ANY_HOST, "/radarr", false, upstream()));
    proxy.replaceRoute(ProxyRoute.onPath(sonarr.id(), ANY_HOST, "/sonarr", true, upstream()));
    proxy.setListen(site.id(), List.of(freeListener()));
    proxy.delete(sonarr.id());
    proxy.delete(site.id());

    assertThat(userServerNow()).isEqualTo(usersBefore);
    assertThat(proxy.read(PREFIX).servers()).isEmpty();
  }

  @Test
  void everyTlsModeReadsBackAsItWasSetAndNoneLeavesNoTlsObject() {
    ServerTls internal = ServerTls.of(SiteTls.INTERNAL, Optional.of("media.example.test"));
    ProxyServer site = site("main", freeListener(),
        ProxyRoute.onPath(PREFIX + "route.sonarr", Optional.of("media.example.test"), "/sonarr", false, upstream()))
        .withTls(internal);
    proxy.addServer(site);
    assertThat(proxy.read(PREFIX).servers()).containsExactly(site);
    assertThat(proxy.read(PREFIX).tlsObjects()).containsExactly(ProxyIds.tlsPolicy(site.id()));

    for (ServerTls tls : List.of(ServerTls.of(SiteTls.TAILSCALE, Optional.of("hwc.example.ts.net")),
        ServerTls.of(certificateFiles(), Optional.empty()), internal, ServerTls.NONE)) {
      proxy.setTls(site.id(), tls);
      ObservedProxy now = proxy.read(PREFIX);
      assertThat(now.servers()).containsExactly(site.withTls(tls));
      assertThat(now.tlsObjects()).containsExactlyElementsOf(ProxyIds.tlsObjects(site.id(), tls));
    }
  }

  @Test
  void aProxyThatDoesNotAnswerIsUnreachableNotRefused() {
    ReverseProxy nowhere = unreachableProxy();

    assertThatThrownBy(() -> nowhere.read(PREFIX)).isInstanceOf(ProxyUnreachableException.class);
    assertThatThrownBy(() -> nowhere.addServer(site("main", freeListener())))
        .isInstanceOf(ProxyUnreachableException.class);
    assertThatThrownBy(() -> nowhere.delete(PREFIX + "site.main")).isInstanceOf(ProxyUnreachableException.class);
  }

  protected static ProxyServer site(String name, String listener, ProxyRoute... routes) {
    return new ProxyServer(PREFIX + name, List.of(listener), List.of(routes));
  }
}
