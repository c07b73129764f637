package dev.podkeeper.podman;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Answers Podman's API on a unix socket the way an engine with nothing in it would, and refuses every change.
 * It serves one purpose: the training run of podkeeper's class-data archive (make-cds-archive in packaging).
 * That run is the agent itself; against no engine at all its first pass ended at its first call, so the
 * archive missed the planner, the executor, the engine client's answers and the failure paths, which every
 * real start then loaded the slow way. Against this server the pass lists (nothing), plans the training
 * stack, and has its creates refused, touching nothing of the host's engine. Every image exists (when asked
 * whether it does), so that the creates are sent: what they load (the spec hash, the create request's
 * serialisation) is on the critical path of every converge from empty.
 *
 * <p>Only what the agent's first pass asks is understood: HTTP/1.1 requests with a Content-Length or chunked
 * body. Lists are empty, the event stream stays open with no event, an inspect (of a container, an image) is
 * "no such object" although an image's exists call says yes, and any change is a 500 with Podman's error shape.
 */
public final class EmptyEngineServer implements Closeable {
  private static final String REFUSAL =
      "{\"cause\":\"training engine\",\"message\":\"podkeeper's training engine changes nothing\",\"response\":500}";
  private static final String NO_SUCH =
      "{\"cause\":\"no such object\",\"message\":\"no such object\",\"response\":404}";

  private final ServerSocketChannel server;
  private final Path socket;

  private EmptyEngineServer(ServerSocketChannel server, Path socket) {
    this.server = server;
    this.socket = socket;
  }

  /** Listens on {@code socket} (which must not exist) and serves on daemon threads until closed. */
  public static EmptyEngineServer start(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    EmptyEngineServer engine = new EmptyEngineServer(server, socket);
    daemon("empty-engine-accept", engine::acceptLoop).start();
    return engine;
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        daemon("empty-engine-connection", () -> serve(connection)).start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** One connection: requests one after the other (HTTP keep-alive) until the client closes it. */
  private static void serve(SocketChannel connection) {
    try (connection; InputStream in = Channels.newInputStream(connection);
        OutputStream out = Channels.newOutputStream(connection)) {
      String head;
      while ((head = readHead(in)) != null) {
        String[] requestLine = head.lines().findFirst().orElse("").split(" ");
        skipBody(head, in);
        if (!answer(requestLine.length > 1 ? requestLine[0] : "", requestLine.length > 1 ? requestLine[1] : "",
            out)) {
          in.transferTo(OutputStream.nullOutputStream()); // an open stream with no event, until the client goes
          return;
        }
      }
    } catch (IOException peerGone) {
      // the agent closed the connection or was stopped: nothing to tell anyone
    }
  }

  /** Writes the answer; false when the connection is to stay silent until the client closes it (events). */
  private static boolean answer(String method, String target, OutputStream out) throws IOException {
    String path = target.split("\\?", 2)[0];
    if (method.equals("GET") && path.endsWith("/events")) {
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return false;
    }
    if (method.equals("GET") && (path.endsWith("/containers/json") || path.endsWith("/networks/json")
        || path.endsWith("/networks") || path.endsWith("/images/json"))) {
      respond(out, 200, "[]");
    } else if (method.equals("GET") && path.contains("/images/") && path.endsWith("/exists")) {
      respond(out, 204, ""); // every image is there, so that the pass's creates reach the engine
    } else if (method.equals("GET") && path.endsWith("/_ping")) {
      respond(out, 200, "OK");
    } else if (method.equals("GET")) {
      respond(out, 404, NO_SUCH);
    } else {
      respond(out, 500, REFUSAL);
    }
    return true;
  }

  private static void respond(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String reason = switch (status) {
      case 200 -> "OK";
      case 204 -> "No Content";
      case 404 -> "Not Found";
      default -> "Internal Server Error";
    };
    out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json\r\nContent-Length: "
        + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** The request line and headers, up to the empty line; null at the end of the stream. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0; // of "\r\n\r\n"
    int b;
    while (matched < 4 && (b = in.read()) != -1) {
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return matched == 4 ? head.toString(StandardCharsets.US_ASCII) : null;
  }

  private static void skipBody(String head, InputStream in) throws IOException {
    String length = header(head, "content-length");
    if (length != null) {
      in.readNBytes(Integer.parseInt(length.strip()));
    } else if ("chunked".equalsIgnoreCase(String.valueOf(header(head, "transfer-encoding")).strip())) {
      long size;
      do {
        size = Long.parseLong(readLine(in).split(";", 2)[0].strip(), 16);
        in.readNBytes((int) size);
        readLine(in); // the CRLF after the chunk (after the last one: the end of the empty trailer)
      } while (size > 0);
    }
  }

  private static String header(String head, String name) {
    return head.lines()
        .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
        .map(line -> line.substring(name.length() + 1))
        .findFirst().orElse(null);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
