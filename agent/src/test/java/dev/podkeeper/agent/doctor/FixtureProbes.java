package dev.podkeeper.agent.doctor;

import java.util.HashMap;
import java.util.Map;

/** Probes that answer as told; anything not told is refused, as a port nothing listens on. */
public final class FixtureProbes implements Probes {
  private final Map<String, Answer> answers = new HashMap<>();

  /** @param address {@code HOST:PORT} */
  public FixtureProbes answers(String address, Answer answer) {
    answers.put(address, answer);
    return this;
  }

  @Override
  public Answer connect(String host, int port) {
    return answers.getOrDefault(host + ":" + port, Answer.refused());
  }

  @Override
  public Answer get(String address, String path) {
    return answers.getOrDefault(address, Answer.refused());
  }
}
