package io.tracediff.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The page and the JSON API on the JDK's HTTP server. Every answer carries a Content-Security-Policy that allows
 * only this server's own scripts, styles and fonts; user text reaches the page only as JSON data, which the
 * page inserts as text. Static files come from the classpath (the page from this package, KaTeX from its WebJar).
 */
public final class WebServer implements AutoCloseable {

    /** The largest request body accepted; larger ones get 413. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final String PAGE_DIR = "/io/tracediff/web/";
    private static final Map<String, String> PAGE_FILES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");
    private static final Pattern ASSET_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9_.-]*(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "woff2", "font/woff2", "woff", "font/woff", "ttf", "font/ttf");

    static {
        // The JDK server waits for a request's bytes forever by default: a client trickling them would hold a thread.
        // 10 s: a client trickling its headers holds a thread that long; 64 KiB of body take milliseconds on any real link
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "10");  // seconds to receive a request
        System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime", "60");  // seconds to send an answer
    }

    private final HttpServer server;
    private final Workers workers;
    private final CommandRunner runner;
    private final ThreadPoolExecutor httpThreads;
    private final boolean loopback;
    /** The host as given, shown in the URL when the address is a wildcard (0.0.0.0 listens on every interface). */
    private final String hostText;
    private final String katexDir;

    /**
     * Binds {@code host:port} (port 0: any free port) with {@code workers} computations at once, {@code queue} more
     * waiting, and a time limit per computation, each call answered by running commands through {@code runner}.
     * Call {@link #start()} to serve.
     */
    public WebServer(CommandRunner runner, String host, int port, int workers, int queue, long limitMillis) throws IOException {
        this.runner = runner;
        InetAddress address = InetAddress.getByName(host);
        this.loopback = address.isLoopbackAddress();
        this.hostText = host;
        this.workers = new Workers(workers, queue, limitMillis, runner.stackBytes());
        this.katexDir = katexDir();
        this.server = HttpServer.create(new InetSocketAddress(address, port), 128);
        AtomicInteger n = new AtomicInteger();
        // Enough threads for every admitted computation plus static files; beyond its queue the JDK server closes the connection.
        int threads = workers + queue + 8;
        this.httpThreads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "tracediff-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        httpThreads.allowCoreThreadTimeOut(true);
        server.setExecutor(httpThreads);
        server.createContext("/", this::handle);
    }

    /** Runs each command once, so classes are initialised before any call (a stopped call can then not break one), then serves. */
    public WebServer start() {
        warmUp();
        // Symja takes seconds to load: on its own thread, so it is never a stopped call that was loading it.
        Thread symja = new Thread(() -> runner.run(List.of("grad", "--fn=sp(x) = log(1 + exp(x))", "--wrt=w", "--", "sum(sp(X*w))")),
                "tracediff-symja-warm-up");
        symja.setDaemon(true);
        symja.start();
        server.start();
        return this;
    }

    public String url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? hostText : a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return "http://" + host + ":" + a.getPort() + "/";
    }

    public int port() { return server.getAddress().getPort(); }

    public Workers workers() { return workers; }

    @Override
    public void close() {
        server.stop(0);
        httpThreads.shutdownNow();
    }

    private void warmUp() {
        String e = "sum(exp(X*w)) + x'*A*x";
        for (String command : List.of("grad", "jacobian", "hessian", "check", "codegen")) {
            List<String> args = command.equals("jacobian")
                    ? List.of(command, "--json", "--steps", "--wrt=w", "--", "exp(X*w)")
                    : List.of(command, "--wrt=X", "--wrt=x", "--", e);
            runner.run(args);
        }
        runner.run(List.of("grad", "--json", "--at={\"X\": [[1, 2], [3, 4]], \"w\": [1, 0], \"x\": [1, 2, 3], \"A\": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}",
                "--wrt=X", "--", e));
        runner.run(List.of("print", "--json", "--", e));
        runner.run(List.of("print", "--", "A*x'"));
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            try {
                route(x);
            } catch (ApiError e) {
                sendError(x, e);
            } catch (RuntimeException | Error e) {  // a bug: the server answers and keeps serving
                sendError(x, new ApiError(500, "internal error: " + e + " (a bug in tracediff)"));
            }
        }
    }

    private void route(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getRawPath();
        if (loopback && !localHost(x.getRequestHeaders().getFirst("Host")))
            throw new ApiError(403, "this server answers only to localhost, 127.0.0.1 and [::1] (Host was not one of them)");
        if (path.startsWith("/api/")) {
            String name = path.substring("/api/".length());
            if (name.equals("languages")) {
                if (!method.equals("GET")) throw methodNotAllowed(x, "GET");
                ObjectNode o = JsonText.MAPPER.createObjectNode();
                ArrayNode a = o.putArray("languages");
                for (CodegenLanguage l : CodegenLanguage.ALL) a.addObject().put("id", l.id()).put("label", l.label());
                send(x, 200, "application/json; charset=utf-8", JsonText.write(o).getBytes(StandardCharsets.UTF_8));
                return;
            }
            ApiRequest.Endpoint endpoint = ApiRequest.Endpoint.of(name);
            if (endpoint == null)
                throw new ApiError(404, "no endpoint /api/" + name + "; they are print, grad, jacobian, hessian, check, codegen and languages");
            if (!method.equals("POST")) throw methodNotAllowed(x, "POST");
            api(x, endpoint);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) throw methodNotAllowed(x, "GET");
        if (path.equals("/favicon.ico")) {  // none: answered so browsers do not log a failed load
            send(x, 204, "image/x-icon", new byte[0]);
            return;
        }
        String file = PAGE_FILES.get(path);
        if (file != null) {
            sendResource(x, PAGE_DIR + file, false);
            return;
        }
        if (path.startsWith("/katex/") && ASSET_PATH.matcher(path.substring("/katex/".length())).matches() && katexDir != null) {
            sendResource(x, katexDir + path.substring("/katex/".length()), true);
            return;
        }
        throw new ApiError(404, "not found: " + path);
    }

    private void api(HttpExchange x, ApiRequest.Endpoint endpoint) throws IOException {
        String type = x.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json"))
            throw new ApiError(415, "send the request as JSON, with Content-Type: application/json");
        String body = readBody(x);
        ApiRequest request = ApiRequest.parse(endpoint, body);
        ObjectNode answer;
        try {
            answer = workers.call(() -> Api.answer(runner, request));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "the server is shutting down");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        send(x, 200, "application/json; charset=utf-8", JsonText.write(answer).getBytes(StandardCharsets.UTF_8));
    }

    /** The body, refused with 413 past {@link #MAX_BODY_BYTES}, whether or not the client announced its length. */
    private static String readBody(HttpExchange x) throws IOException {
        String length = x.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw new ApiError(400, "Content-Length is not a number");
            }
            if (n > MAX_BODY_BYTES) throw tooLarge(x.getRequestBody());
        }
        InputStream in = x.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) throw tooLarge(in);
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The most of a refused body read and dropped, so a client still sending it gets the 413 rather than a reset connection. */
    private static final long DRAIN_BYTES = 1L << 20;

    private static ApiError tooLarge(InputStream rest) {
        try {
            long left = DRAIN_BYTES;
            byte[] sink = new byte[8192];
            for (int n; left > 0 && (n = rest.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) left -= n;
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
        return tooLarge();
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "the request body is larger than " + MAX_BODY_BYTES / 1024 + " KiB");
    }

    private static ApiError methodNotAllowed(HttpExchange x, String allowed) {
        x.getResponseHeaders().set("Allow", allowed);
        return new ApiError(405, x.getRequestMethod() + " is not allowed here; use " + allowed);
    }

    /** localhost, 127.0.0.1 or [::1], with or without a port: a page on another host name cannot reach this server (DNS rebinding). */
    private static boolean localHost(String host) {
        if (host == null) return false;
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 && h.substring(1, close).equals("::1");
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        return h.equals("localhost") || h.equals("127.0.0.1");
    }

    private void sendResource(HttpExchange x, String resource, boolean immutable) throws IOException {
        byte[] bytes;
        try (InputStream in = WebServer.class.getResourceAsStream(resource)) {
            if (in == null) throw new ApiError(404, "not found: " + x.getRequestURI().getRawPath());
            bytes = in.readAllBytes();
        }
        String ext = resource.substring(resource.lastIndexOf('.') + 1);
        String type = CONTENT_TYPES.getOrDefault(ext, "application/octet-stream");
        x.getResponseHeaders().set("Cache-Control", immutable ? "public, max-age=86400" : "no-cache");
        send(x, 200, type, bytes);
    }

    private static void sendError(HttpExchange x, ApiError e) throws IOException {
        ObjectNode o = JsonText.MAPPER.createObjectNode();
        o.put("error", e.getMessage());
        ApiError.Position p = e.position();
        if (p == null) o.putNull("position");
        else o.putObject("position").put("field", p.field()).put("index", p.index()).put("start", p.start()).put("end", p.end());
        if (e.status() == 503) x.getResponseHeaders().set("Retry-After", "1");
        if (e.status() == 413) x.getResponseHeaders().set("Connection", "close");
        send(x, e.status(), "application/json; charset=utf-8", JsonText.write(o).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        Headers h = x.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Content-Security-Policy", CSP);
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Where the KaTeX WebJar keeps its dist/ folder on the classpath (its version read from the jar's Maven metadata). */
    private static String katexDir() {
        try (InputStream in = WebServer.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/katex/pom.properties")) {
            if (in == null) return null;
            Properties p = new Properties();
            p.load(in);
            return "/META-INF/resources/webjars/katex/" + p.getProperty("version") + "/dist/";
        } catch (IOException e) {
            return null;
        }
    }

}
