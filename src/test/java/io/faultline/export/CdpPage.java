package io.faultline.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * One page in headless chromium driven over the DevTools protocol (WebSocket on 127.0.0.1), for tests that
 * need real input events: wheel, drag, clicks. Every wait is bounded; close() ends chromium and its children.
 */
final class CdpPage implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final ExecutorService executor;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private CdpPage(Process process, Path profile, ExecutorService executor, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.executor = executor;
        this.socket = socket;
    }

    static CdpPage open(Path html, Path workDir, int width, int height) throws Exception {
        Path profile = Files.createTempDirectory(workDir, "cdp-profile-");
        List<String> cmd = List.of(HeadlessChromium.binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "--window-size=" + width + "," + height, html.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(workDir.resolve("cdp.out").toFile())
                .redirectError(workDir.resolve("cdp.err").toFile()).start();
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cdp-test-client");
            t.setDaemon(true);
            return t;
        });
        try {
            int port = devToolsPort(profile, p);
            HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(WAIT).build();
            String wsUrl = pageSocket(http, port, html.toUri().toString());
            CdpPage[] self = new CdpPage[1];
            Listener listener = new Listener(self);
            WebSocket ws = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(wsUrl), listener)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            self[0] = new CdpPage(p, profile, executor, ws);
            return self[0];
        } catch (Exception | AssertionError e) {
            stop(p, profile, executor);
            throw e;
        }
    }

    private static int devToolsPort(Path profile, Process p) throws IOException, InterruptedException {
        Path file = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file);
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    return Integer.parseInt(lines.get(0).trim());
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("chromium exited with " + p.exitValue() + " before opening its DevTools port");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("chromium wrote no DevToolsActivePort within " + WAIT);
    }

    private static String pageSocket(HttpClient http, int port, String url) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body())) {
                if ("page".equals(t.path("type").asText()) && t.path("url").asText().startsWith(url)) {
                    return t.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no page target for " + url + " within " + WAIT);
    }

    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", params == null ? JSON.createObjectNode() : params);
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(JSON.writeValueAsString(msg), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        JsonNode r = answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new AssertionError(method + " failed: " + r.path("error"));
        }
        return r.path("result");
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text. */
    String eval(String expression) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("expression", expression);
        p.put("returnByValue", true);
        JsonNode r = call("Runtime.evaluate", p);
        if (r.has("exceptionDetails")) {
            throw new AssertionError("page threw on " + expression + ": " + r.path("exceptionDetails"));
        }
        return r.path("result").path("value").asText();
    }

    /** Waits until the expression's value passes the test; returns the value. */
    String await(String expression, Predicate<String> test) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String v = eval(expression);
        while (!test.test(v)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("after " + WAIT + " `" + expression + "` is still " + v);
            }
            Thread.sleep(50);
            v = eval(expression);
        }
        return v;
    }

    /** Waits until the exported page has loaded and its script has finished rendering. */
    void awaitRendered() throws Exception {
        await("document.readyState === 'complete' && document.body.dataset.rendered === '1' ? 'yes' : 'no'", "yes"::equals);
    }

    /** The centre of an element's box in viewport pixels, after scrolling it into view. */
    double[] centre(String selector) throws Exception {
        String js = "(function(){var e=document.querySelector(" + JSON.writeValueAsString(selector)
                + ");e.scrollIntoView({block:'center'});var r=e.getBoundingClientRect();"
                + "return (r.left+r.width/2)+','+(r.top+r.height/2);})()";
        String[] xy = eval(js).split(",");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    void mouse(String type, double x, double y, String button, int buttons, int clicks) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", type);
        p.put("x", x);
        p.put("y", y);
        p.put("button", button);
        p.put("buttons", buttons);
        p.put("clickCount", clicks);
        call("Input.dispatchMouseEvent", p);
    }

    void wheel(double x, double y, double deltaY) throws Exception {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", "mouseWheel");
        p.put("x", x);
        p.put("y", y);
        p.put("deltaX", 0);
        p.put("deltaY", deltaY);
        call("Input.dispatchMouseEvent", p);
    }

    void click(double x, double y) throws Exception {
        mouse("mouseMoved", x, y, "none", 0, 0);
        mouse("mousePressed", x, y, "left", 1, 1);
        mouse("mouseReleased", x, y, "left", 0, 1);
    }

    void drag(double x0, double y, double x1) throws Exception {
        mouse("mouseMoved", x0, y, "none", 0, 0);
        mouse("mousePressed", x0, y, "left", 1, 1);
        for (int i = 1; i <= 5; i++) {
            mouse("mouseMoved", x0 + (x1 - x0) * i / 5, y, "left", 1, 0);
        }
        mouse("mouseReleased", x1, y, "left", 0, 1);
    }

    @Override
    public void close() throws Exception {
        socket.abort();
        stop(process, profile, executor);
    }

    private static void stop(Process p, Path profile, ExecutorService executor) throws IOException, InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        executor.shutdownNow();
        try (Stream<Path> walk = Files.walk(profile)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final CdpPage[] page;
        private final StringBuilder partial = new StringBuilder();

        Listener(CdpPage[] page) {
            this.page = page;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                deliver(text);
            }
            ws.request(1);
            return null;
        }

        private void deliver(String text) {
            try {
                JsonNode msg = JSON.readTree(text);
                // only answers carry an id; no domain is enabled, so nothing else is expected
                if (msg.has("id") && page[0] != null) {
                    CompletableFuture<JsonNode> f = page[0].pending.remove(msg.path("id").asInt());
                    if (f != null) {
                        f.complete(msg);
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("DevTools sent text that is not JSON: " + text, e);
            }
        }
    }
}
