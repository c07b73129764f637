package dev.podkeeper.agent.status;

import static java.util.Objects.requireNonNull;

import dev.podkeeper.agent.plan.Action;
import dev.podkeeper.agent.plan.ActionKind.Domain;
import java.util.Locale;

/** An object of the stack as status names it: its kind ({@code container}, {@code env-file}, ...) and name. */
public record ObjectKey(String kind, String name) {
  public ObjectKey {
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
  }

  public static ObjectKey of(Domain domain, String name) {
    return new ObjectKey(domain.name().toLowerCase(Locale.ROOT).replace('_', '-'), name);
  }

  public static ObjectKey of(Action action) {
    return of(action.kind().domain(), action.target());
  }
}
