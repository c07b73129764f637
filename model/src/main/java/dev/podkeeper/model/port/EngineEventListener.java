package dev.podkeeper.model.port;

/** Receives engine events; {@link #onClosed} is called once when the stream ends for any reason. */
public interface EngineEventListener {
  void onEvent(EngineEvent event);

  /** @param cause null when the stream was closed on purpose */
  void onClosed(Throwable cause);
}
