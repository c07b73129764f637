package dev.podkeeper.podman;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;

/** Follows a pull's progress stream and keeps the engine's first error, which arrives in the stream, not as a status. */
final class PullProgress extends ResultCallback.Adapter<PullResponseItem> {
  private volatile String error;

  @Override
  public void onNext(PullResponseItem item) {
    if (error != null) {
      return;
    }
    if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
      error = item.getErrorDetail().getMessage();
    }
  }

  String error() {
    return error;
  }
}
