package dev.podkeeper.agent.execute;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionInput.ProxyChange;
import dev.podkeeper.agent.plan.ProxyOperation;
import dev.podkeeper.model.port.FailureKind;
import dev.podkeeper.model.port.ReverseProxy;

/**
 * A site or route action: its proxy changes, one after the other. Each is its own reload in Caddy, so a refused
 * one stops this action alone and leaves every other site and route as it was.
 */
final class ProxyChangeStep implements Step {
  /** More copies of one id than this means something else keeps adding them: stop rather than loop. */
  private static final int MAX_COPIES = 100;

  private final ReverseProxy proxy;

  ProxyChangeStep(ReverseProxy proxy) {
    this.proxy = proxy;
  }

  @Override
  public void run(Action action, ContainerIds ids) {
    for (ProxyOperation operation : action.input(ProxyChange.class).operations()) {
      apply(operation);
    }
  }

  private void apply(ProxyOperation operation) {
    if (operation instanceof ProxyOperation.AddServer add) {
      proxy.addServer(add.server());
    } else if (operation instanceof ProxyOperation.SetListen set) {
      proxy.setListen(set.serverId(), set.listen());
    } else if (operation instanceof ProxyOperation.SetTls set) {
      proxy.setTls(set.serverId(), set.tls());
    } else if (operation instanceof ProxyOperation.AddRoute add) {
      proxy.addRoute(add.serverId(), add.route());
    } else if (operation instanceof ProxyOperation.ReplaceRoute replace) {
      proxy.replaceRoute(replace.route());
    } else if (operation instanceof ProxyOperation.DeleteAll delete) {
      deleteAll(delete.id());
    }
  }

  private void deleteAll(String id) {
    for (int copy = 0; copy < MAX_COPIES; copy++) {
      if (!proxy.delete(id)) {
        return;
      }
    }
    throw new StepException(FailureKind.TRANSIENT, proxy.describe() + " still has objects with @id " + id + " after deleting " + MAX_COPIES
        + " of them; something else keeps adding them");
  }
}
