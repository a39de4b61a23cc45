package org.precond.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the DevTools protocol (a WebSocket, with the JDK's own
 * client), so that a test sees what a person's browser would: console messages by level,
 * exceptions, every request, the DOM after scripts ran, and screenshots.
 */
final class HeadlessChromium implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Duration START = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final WebSocket socket;
  private final Listener listener;
  private final AtomicInteger ids = new AtomicInteger();
  private String session;

  private HeadlessChromium(Process process, WebSocket socket, Listener listener) {
    this.process = process;
    this.socket = socket;
    this.listener = listener;
  }

  static boolean available() {
    return Files.isExecutable(BINARY);
  }

  /**
   * Starts the browser with an empty profile in {@code profile} and opens a blank page to drive.
   * The browser's own log goes to {@code log}.
   */
  static HeadlessChromium start(Path profile, Path log) throws IOException, InterruptedException {
    Files.createDirectories(profile);
    List<String> command =
        List.of(
            BINARY.toString(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--user-data-dir=" + profile,
            // WebGL without a GPU is SwiftShader's software renderer, which Chromium only uses
            // when asked; the page is our own, so the asking is safe.
            "--enable-unsafe-swiftshader",
            "--remote-debugging-port=0",
            "about:blank");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      // Chromium writes the port it chose, then the browser's WebSocket path, into the profile.
      Path portFile = profile.resolve("DevToolsActivePort");
      long deadline = System.nanoTime() + START.toNanos();
      List<String> lines = List.of();
      while (lines.size() < 2) {
        if (!process.isAlive()) {
          throw new IOException("chromium exited with " + process.exitValue() + "; see " + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("chromium did not open its DevTools port; see " + log);
        }
        Thread.sleep(100);
        lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
      }
      URI uri = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
      Listener listener = new Listener();
      WebSocket socket =
          HttpClient.newHttpClient()
              .newWebSocketBuilder()
              .connectTimeout(START)
              .buildAsync(uri, listener)
              .get(START.toSeconds(), TimeUnit.SECONDS);
      HeadlessChromium browser = new HeadlessChromium(process, socket, listener);
      String target =
          browser.call(null, "Target.createTarget", params().put("url", "about:blank"))
              .get("targetId").asText();
      browser.session =
          browser.call(null, "Target.attachToTarget",
                  params().put("targetId", target).put("flatten", true))
              .get("sessionId").asText();
      return browser;
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      throw e;
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IOException("cannot connect to chromium's DevTools", e);
    }
  }

  static ObjectNode params() {
    return JSON.createObjectNode();
  }

  /** Sends a DevTools command to the page and returns its result. */
  JsonNode send(String method, ObjectNode params) throws IOException {
    return call(session, method, params);
  }

  private JsonNode call(String sessionId, String method, ObjectNode params) throws IOException {
    int id = ids.incrementAndGet();
    ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    if (sessionId != null) {
      message.put("sessionId", sessionId);
    }
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    listener.pending.put(id, reply);
    socket.sendText(JSON.writeValueAsString(message), true).join();
    JsonNode answer;
    try {
      answer = reply.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(method + " interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(method + " got no answer from chromium", e);
    } finally {
      listener.pending.remove(id);
    }
    if (answer.has("error")) {
      throw new IOException(method + " failed: " + answer.get("error"));
    }
    return answer.get("result");
  }

  /** Evaluates a JavaScript expression in the page, awaiting a promise, and returns its value. */
  JsonNode evaluate(String expression) throws IOException {
    JsonNode result =
        send("Runtime.evaluate",
            params().put("expression", expression).put("awaitPromise", true)
                .put("returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IOException("script failed: " + result.get("exceptionDetails"));
    }
    return result.get("result").get("value");
  }

  /** Every event received so far: {@code method} and {@code params}. */
  List<JsonNode> events() {
    return new ArrayList<>(listener.events);
  }

  @Override
  public void close() throws InterruptedException {
    try {
      call(null, "Browser.close", params());
    } catch (IOException e) {
      // It is going away either way.
    }
    socket.abort();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Reassembles messages that arrive in parts and sorts them into answers and events. */
  private static final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          JsonNode message = JSON.readTree(text);
          if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
              reply.complete(message);
            }
          } else {
            events.add(message);
          }
        } catch (IOException e) {
          throw new IllegalStateException("chromium sent something that is not JSON", e);
        }
      }
      socket.request(1);
      return null;
    }
  }
}
