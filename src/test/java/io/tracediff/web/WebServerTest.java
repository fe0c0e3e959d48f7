package io.tracediff.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.cli.InProcessRunner;
import io.tracediff.cli.Json;
import io.tracediff.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON API and the static files over real HTTP on an ephemeral loopback port: every endpoint, every error class. */
class WebServerTest {

    record Reply(int status, String body, java.net.http.HttpHeaders headers) {
        JsonNode json() throws Exception { return Json.mapper().readTree(body); }
    }

    static WebServer server;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll static void start() throws Exception {
        server = new WebServer(new InProcessRunner(), "127.0.0.1", 0, 2, 8, 20_000).start();
    }

    @AfterAll static void stop() { server.close(); }

    static Reply post(WebServer s, String path, String body) throws Exception {
        return send(s, HttpRequest.newBuilder(URI.create(s.url() + path.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static Reply post(String path, String body) throws Exception { return post(server, path, body); }

    static Reply get(String path) throws Exception {
        return send(server, HttpRequest.newBuilder(URI.create(server.url() + path.substring(1))).GET());
    }

    static Reply send(WebServer s, HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers());
    }

    /** The CLI's --json output for the same command line, parsed. */
    static ObjectNode cli(String... args) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(err), args), err.toString());
        return (ObjectNode) Json.mapper().readTree(out.toString());
    }

    static void assertSecurityHeaders(Reply r) {
        assertEquals(WebServer.CSP, r.headers().firstValue("Content-Security-Policy").orElse(null));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
    }

    static void assertError(Reply r, int status, String messageStart) throws Exception {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        assertTrue(r.json().path("error").asText().startsWith(messageStart), r.body());
        assertTrue(r.json().has("position"), r.body());
        assertSecurityHeaders(r);
    }

    // ---- every endpoint answers what the command's --json prints, plus LaTeX

    @Test void gradAnswersWhatTheCommandPrintsPlusLatex() throws Exception {
        String body = "{\"expression\": \"a'*exp(X*b)\", \"let\": \"a: vector(m); X: matrix(m, n); b: vector(n)\", \"wrt\": \"X\", \"steps\": true}";
        Reply r = post("/api/grad", body);
        assertEquals(200, r.status(), r.body());
        assertSecurityHeaders(r);
        ObjectNode answer = (ObjectNode) r.json();
        JsonNode latex = answer.remove("latex");
        assertEquals(cli("grad", "a'*exp(X*b)", "--let", "a: vector(m); X: matrix(m, n); b: vector(n)", "--wrt", "X", "--steps", "--json"), answer);
        assertEquals("a.*exp(X*b)*b'", answer.path("closed_form").path("X").asText());
        assertEquals("(a ⊙ exp(X b)) bᵀ", answer.path("printed").path("X").asText());
        assertEquals(List.of("\\frac{\\partial f}{\\partial X} = \\left(a \\odot \\exp(X b)\\right) b^\\top"),
                Json.mapper().convertValue(latex.path("result"), List.class));
        assertTrue(latex.path("steps").asText().startsWith("\\begin{align*}"), latex.toString());
        assertTrue(latex.path("steps").asText().contains("trace-cyclic"), latex.toString());
    }

    @Test void gradAtValuesEvaluatesTheClosedForm() throws Exception {
        // f = x'Ax with A not symmetric, n = 3: the gradient (A + A')x, value x'Ax.
        Reply r = post("/api/grad", "{\"expression\": \"x'*A*x\", \"wrt\": [\"x\"], \"at\": {\"x\": [1, 2, -1], "
                + "\"A\": [[2, 1, 0], [0, 3, 4], [5, 0, 1]]}}");
        assertEquals(200, r.status(), r.body());
        JsonNode j = r.json();
        // x'Ax = [1 2 -1]·[4, 2, 4] = 4; (A + A')x = [[4,1,5],[1,6,4],[5,4,2]]·x = [1, 9, 11]
        assertEquals(4.0, j.path("value").asDouble(), 1e-12);
        assertEquals(List.of(1.0, 9.0, 11.0), Json.mapper().convertValue(j.path("gradient").path("x"), List.class));
    }

    @Test void printListsVariablesWithTheirTypes() throws Exception {
        Reply r = post("/api/print", "{\"expression\": \"x'*A*x\", \"let\": [\"A: symmetric(n)\"]}");
        assertEquals(200, r.status(), r.body());
        ObjectNode answer = (ObjectNode) r.json();
        JsonNode latex = answer.remove("latex");
        assertEquals(cli("print", "x'*A*x", "--let", "A: symmetric(n)", "--json"), answer);
        assertEquals("symmetric(n)", answer.path("variables").path("A").path("type").asText());
        assertEquals("x^\\top A x", latex.path("expression").asText());
    }

    @Test void jacobianAndHessian() throws Exception {
        Reply j = post("/api/jacobian", "{\"expression\": \"A*X*B\", \"let\": \"A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)\", \"wrt\": \"X\"}");
        assertEquals(200, j.status(), j.body());
        assertEquals("kron(B', A)", j.json().path("closed_form").path("X").asText());
        assertTrue(j.json().path("latex").path("result").get(0).asText().endsWith("B^\\top \\otimes A"), j.body());

        Reply h = post("/api/hessian", "{\"expression\": \"x'*A*y + sum(exp(x))\", \"let\": \"x: vector(n); y: vector(m)\", \"wrt\": [\"x\", \"y\"], \"cse\": true}");
        assertEquals(200, h.status(), h.body());
        ObjectNode answer = (ObjectNode) h.json();
        answer.remove("latex");
        assertEquals(cli("hessian", "x'*A*y + sum(exp(x))", "--let", "x: vector(n); y: vector(m)", "--wrt", "x", "--wrt", "y", "--cse", "--json"), answer);
        assertEquals("A", answer.path("closed_form").path("x,y").asText());
        assertEquals(4, h.json().path("latex").path("result").size(), h.body());
    }

    @Test void checkShowsTheThreeWayComparison() throws Exception {
        Reply r = post("/api/check", "{\"expression\": \"logdet(S) + x'*inv(S)*x\", \"let\": \"S: spd(n)\", \"wrt\": \"S\", \"trials\": 2, \"seed\": 7}");
        assertEquals(200, r.status(), r.body());
        ObjectNode answer = (ObjectNode) r.json();
        answer.remove("latex");
        assertEquals(cli("check", "logdet(S) + x'*inv(S)*x", "--let", "S: spd(n)", "--wrt", "S", "--trials", "2", "--seed", "7", "--json"), answer);
        assertTrue(answer.path("agree").asBoolean());
        assertEquals(3, answer.path("comparisons").size());
        assertEquals("finite differences", answer.path("comparisons").get(2).path("right").asText());
    }

    @Test void codegenWritesEveryListedLanguage() throws Exception {
        Reply langs = get("/api/languages");
        assertEquals(200, langs.status());
        assertEquals(CodegenLanguage.ALL.size(), langs.json().path("languages").size());
        assertEquals("java", langs.json().path("languages").get(0).path("id").asText());
        for (CodegenLanguage l : CodegenLanguage.ALL) {
            boolean java = l.id().equals("java");   // a class and a package name only Java code
            Reply r = post("/api/codegen", "{\"expression\": \"norm2(X*w - y)^2\", \"wrt\": \"w\", \"language\": \"" + l.id()
                    + (java ? "\", \"class\": \"LeastSquares\", \"package\": \"com.example\"}" : "\"}"));
            assertEquals(200, r.status(), r.body());
            assertEquals(l.id(), r.json().path("language").asText());
            StringWriter out = new StringWriter();
            List<String> args = new java.util.ArrayList<>(List.of("codegen", "norm2(X*w - y)^2", "--wrt", "w"));
            if (java) args.addAll(List.of("--class", "LeastSquares", "--package", "com.example"));
            args.addAll(l.options());
            assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), args.toArray(String[]::new)));
            assertEquals(out.toString(), r.json().path("source").asText());
        }
        Reply java = post("/api/codegen", "{\"expression\": \"norm2(X*w - y)^2\", \"wrt\": \"w\"}");
        assertTrue(java.json().path("source").asText().contains("public final class LossGradient"), java.body());
    }

    /** The README's two API examples, request and answer, as the server gives them. */
    @Test void readmeExamplesAreWhatTheApiAnswers() throws Exception {
        String readme = java.nio.file.Files.readString(readme());
        String web = readme.substring(readme.indexOf("## Web page"));
        java.util.regex.Matcher blocks = java.util.regex.Pattern.compile("```json\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(web);
        assertTrue(blocks.find());
        Reply ok = post("/api/grad", "{\"expression\": \"a'*exp(X*b)\", \"wrt\": \"X\"}");
        assertTrue(web.contains("`POST /api/grad` with `{\"expression\": \"a'*exp(X*b)\", \"wrt\": \"X\"}` answers"));
        assertEquals(Json.mapper().readTree(blocks.group(1)), ok.json());
        assertTrue(blocks.find());
        Reply bad = post("/api/grad", "{\"expression\": \"x'*A*x +* 2\", \"wrt\": \"x\"}");
        assertTrue(web.contains("`{\"expression\": \"x'*A*x +* 2\", \"wrt\": \"x\"}` answers HTTP 400"));
        assertEquals(400, bad.status());
        assertEquals(Json.mapper().readTree(blocks.group(1)), bad.json());
    }

    static java.nio.file.Path readme() {
        for (java.nio.file.Path p = java.nio.file.Path.of("").toAbsolutePath(); p != null; p = p.getParent())
            if (java.nio.file.Files.exists(p.resolve("README.md"))) return p.resolve("README.md");
        throw new IllegalStateException("README.md not found");
    }

    @Test void userFunctionsAndCommonSubexpressions() throws Exception {
        Reply r = post("/api/grad", "{\"expression\": \"sum(sp(X*w))\", \"wrt\": \"w\", \"fn\": \"sp(x) = log(1 + exp(x))\"}");
        assertEquals(200, r.status(), r.body());
        ObjectNode answer = (ObjectNode) r.json();
        answer.remove("latex");
        assertEquals(cli("grad", "sum(sp(X*w))", "--wrt", "w", "--fn", "sp(x) = log(1 + exp(x))", "--json"), answer);
        Reply bad = post("/api/grad", "{\"expression\": \"sum(sp(X*w))\", \"wrt\": \"w\", \"fn\": [\"sp(x) log(1 + exp(x))\"]}");
        assertError(bad, 400, "a function definition needs '='");
        assertEquals("fn", bad.json().path("position").path("field").asText());

        Reply cse = post("/api/grad", "{\"expression\": \"norm2(W2*tanh(W1*x + b1) - y)^2\", \"let\": \"b1: vector(h)\", \"wrt\": [\"W1\", \"W2\"], \"cse\": true}");
        assertEquals(200, cse.status(), cse.body());
        assertEquals("tanh(W1*x + b1)", cse.json().path("subexpressions").path("t0").asText(), cse.body());
        assertTrue(cse.json().path("latex").path("result").get(0).asText().startsWith("t_{0} = \\tanh"), cse.body());
    }

    // ---- user errors: 400 with the message and where

    @Test void parseErrorNamesThePlaceInTheExpression() throws Exception {
        Reply r = post("/api/grad", "{\"expression\": \"x'*A*x +* 2\", \"wrt\": \"x\"}");
        assertError(r, 400, "expected an operand but found '*'");
        JsonNode p = r.json().path("position");
        assertEquals("expression", p.path("field").asText());
        assertEquals(8, p.path("start").asInt());
        assertEquals(9, p.path("end").asInt());
    }

    @Test void shapeErrorAndDeclarationErrorAreMarked() throws Exception {
        Reply shape = post("/api/print", "{\"expression\": \"A*x\", \"let\": \"A: matrix(n, m); x: vector(k)\"}");
        assertError(shape, 400, "A*x: A is n×m but x is k×1");
        assertEquals(1, shape.json().path("position").path("start").asInt());

        Reply decl = post("/api/print", "{\"expression\": \"x\", \"let\": [\"x: vector(n)\", \"A: matrx(n)\"]}");
        assertError(decl, 400, "unknown type 'matrx(n)'");
        assertEquals("let", decl.json().path("position").path("field").asText());
        assertEquals(1, decl.json().path("position").path("index").asInt());
        assertEquals(3, decl.json().path("position").path("start").asInt());

        assertError(post("/api/grad", "{\"expression\": \"A*x\", \"wrt\": \"x\"}"), 400, "the gradient needs a scalar function, but A*x is");
        assertError(post("/api/grad", "{\"expression\": \"x'*x\", \"wrt\": \"y\"}"), 400, "--wrt y: 'y' does not occur in x'*x");
    }

    @Test void badRequestsAreRefusedByName() throws Exception {
        assertError(post("/api/grad", "{\"expression\": \"x'*x\"}"), 400, "\"wrt\" is required");
        assertError(post("/api/grad", "{\"wrt\": \"x\"}"), 400, "\"expression\" is required");
        assertError(post("/api/grad", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"colour\": 1}"), 400, "unknown field \"colour\" for /api/grad");
        assertError(post("/api/grad", "{\"expression\": 1, \"wrt\": \"x\"}"), 400, "\"expression\" must be a string");
        assertError(post("/api/check", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"trials\": 0}"), 400, "\"trials\" must be a whole number from 1");
        assertError(post("/api/grad", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"format\": \"html\"}"), 400, "\"format\" is unicode, ascii or latex");
        assertError(post("/api/codegen", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"language\": \"cobol\"}"), 400, "\"language\" is one of");
        assertError(post("/api/codegen", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"class\": \"a;b\"}"), 400, "");
        assertError(post("/api/grad", "{not json"), 400, "the body is not JSON");
        assertError(post("/api/grad", "[1, 2]"), 400, "the body must be a JSON object");
        assertError(post("/api/grad", "{\"expression\": \"x'*A*x\", \"wrt\": \"x\", \"at\": {\"x\": [1, 2], \"A\": [[1]]}}"), 400, "");
        // the expression never becomes an option: "--help" is minus minus a vector named help
        Reply help = post("/api/print", "{\"expression\": \"--help\"}");
        assertEquals(200, help.status(), help.body());
        assertEquals("--help", help.json().path("ascii").asText());
        assertFalse(help.body().contains("Usage"), help.body());
    }

    @Test void noCallReadsOrWritesFiles() throws Exception {
        for (String field : List.of("rules", "out", "problem", "force"))
            assertError(post("/api/codegen", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"" + field + "\": \"/tmp\"}"), 400,
                    "\"" + field + "\" is not available over the API");
        assertError(post("/api/grad", "{\"expression\": \"x'*x\", \"wrt\": \"x\", \"at\": \"/etc/passwd\"}"), 400, "\"at\" is the values themselves");
        assertError(post("/api/print", "{\"expression\": \"x\", \"at\": {\"x\": 1}}"), 400, "unknown field \"at\" for /api/print");
    }

    @Test void xssPayloadComesBackOnlyAsJsonText() throws Exception {
        String payload = "<img src=x onerror=alert(1)>";
        Reply r = post("/api/grad", "{\"expression\": \"" + payload + "\", \"wrt\": \"x\"}");
        assertError(r, 400, "unexpected character '<'");
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        Reply let = post("/api/print", "{\"expression\": \"x\", \"let\": \"<script>alert(1)</script>: scalar\"}");
        assertError(let, 400, "malformed declaration");
        // the page inserts every server text with textContent or KaTeX (trust off); it never parses HTML
        String js = get("/app.js").body();
        assertFalse(js.contains("innerHTML") || js.contains("outerHTML") || js.contains("insertAdjacentHTML") || js.contains("eval("), "app.js builds the DOM from text only");
        assertTrue(js.contains("trust: false"));
    }

    // ---- HTTP-level errors

    @Test void httpErrors() throws Exception {
        assertError(get("/api/nope"), 404, "no endpoint /api/nope");
        assertError(get("/api/grad"), 405, "GET is not allowed here; use POST");
        assertError(get("/nothing-here.html"), 404, "not found");
        assertError(get("/katex/../../etc/passwd"), 404, "not found");
        assertError(send(server, HttpRequest.newBuilder(URI.create(server.url() + "api/grad")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))), 415, "send the request as JSON");
    }

    @Test void bodiesOver64KiBGet413() throws Exception {
        String big = "{\"expression\": \"" + "x+".repeat(40_000) + "x\", \"wrt\": \"x\"}";
        assertError(post("/api/grad", big), 413, "the request body is larger than 64 KiB");
        // without a Content-Length (chunked), the server counts what it reads
        byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
        Reply chunked = send(server, HttpRequest.newBuilder(URI.create(server.url() + "api/grad")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
        assertError(chunked, 413, "the request body is larger than 64 KiB");
        // just under the limit is a request like any other
        String under = "{\"expression\": \"x'*" + " ".repeat(60_000) + "x\"}";
        assertTrue(under.length() < WebServer.MAX_BODY_BYTES);
        assertEquals(200, post("/api/print", under).status());
    }

    @Test void anotherHostNameIsRefused() throws Exception {
        // A page on evil.example resolving to 127.0.0.1 (DNS rebinding) sends Host: evil.example.
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(reply.startsWith("HTTP/1.1 403"), reply);
        }
        assertEquals(200, get("/").status());
    }

    @Test void pageAndKatexComeFromTheJar() throws Exception {
        Reply page = get("/");
        assertEquals(200, page.status());
        assertSecurityHeaders(page);
        assertTrue(page.body().contains("<script defer src=\"/katex/katex.min.js\">"), page.body());
        assertFalse(page.body().contains("http://") || page.body().contains("https://"), "the page loads nothing from elsewhere");
        Reply katex = get("/katex/katex.min.js");
        assertEquals(200, katex.status());
        assertTrue(katex.body().length() > 100_000);
        assertEquals("text/javascript; charset=utf-8", katex.headers().firstValue("Content-Type").orElseThrow());
        Reply css = get("/katex/katex.min.css");
        assertEquals(200, css.status());
        assertFalse(css.body().contains("http://") || css.body().contains("https://"), "KaTeX's fonts are relative URLs");
        assertEquals(200, get("/katex/fonts/KaTeX_Main-Regular.woff2").status());
    }

    // ---- limits: a full pool answers 503, a runaway is stopped with 422, and the server serves on

    /** Thousands of trials on a two-layer net: far more than a fraction of a second. */
    /**
     * A derivation that runs for seconds on any machine: the Hessian of a 20-layer tanh network (a check of 10,000 points
     * is now refused before it starts, by the finite-difference limit).
     */
    static final String SLOW = "{\"expression\": \"sum(" + "tanh(W*".repeat(20) + "x" + ")".repeat(20) + ")\", \"wrt\": \"W\"}";

    /** Where {@link #SLOW} goes. */
    static final String SLOW_PATH = "/api/hessian";

    @Test void aRunawayComputationIsStoppedAndTheServerServesOn() throws Exception {
        try (WebServer s = new WebServer(new InProcessRunner(), "127.0.0.1", 0, 1, 0, 1500).start()) {
            Reply r = post(s, SLOW_PATH, SLOW);
            assertError(r, 422, "stopped after the time limit of 1500 ms");
            long until = System.nanoTime() + 5_000_000_000L;
            while (s.workers().busy() > 0 && System.nanoTime() < until) Thread.sleep(10);
            assertEquals(0, s.workers().busy(), "the stopped computation gave its worker back");
            Reply after = post(s, "/api/grad", "{\"expression\": \"x'*A*x\", \"wrt\": \"x\"}");
            assertEquals(200, after.status(), after.body());
            assertEquals("(A + A')*x", after.json().path("closed_form").path("x").asText());
        }
    }

    @Test void aComputationBeyondTheSizeLimitIsRefusedAndTheServerServesOn() throws Exception {
        // ones(n, n) with n = 100000 would be 10^10 entries: refused by the size limit before anything is allocated
        Reply r = post("/api/grad", "{\"expression\": \"sum(ones(n, n))*c\", \"let\": \"c: scalar\", \"wrt\": \"c\", \"at\": {\"n\": 100000, \"c\": 1}}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.json().path("error").asText().contains("maxEntries"), r.body());
        assertEquals(200, post("/api/print", "{\"expression\": \"x\"}").status());
    }

    @Test void aFullPoolAnswers503() throws Exception {
        try (WebServer s = new WebServer(new InProcessRunner(), "127.0.0.1", 0, 1, 0, 1_000).start()) {
            CompletableFuture<Reply> slow = CompletableFuture.supplyAsync(() -> {
                try {
                    return post(s, SLOW_PATH, SLOW);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long until = System.nanoTime() + 10_000_000_000L;
            while (s.workers().busy() == 0 && System.nanoTime() < until) Thread.sleep(5);
            Reply busy = post(s, "/api/print", "{\"expression\": \"x\"}");
            assertError(busy, 503, "the server is busy: 1 computations are running and 0 waiting");
            assertEquals("1", busy.headers().firstValue("Retry-After").orElse(null));
            assertEquals(422, slow.get().status());
            long freed = System.nanoTime() + 5_000_000_000L;
            while (s.workers().busy() > 0 && System.nanoTime() < freed) Thread.sleep(10);
            Reply after = post(s, "/api/print", "{\"expression\": \"x\"}");
            assertEquals(200, after.status(), after.body());
        }
    }

    @Test void serverKeepsServingAfterEveryKindOfBadRequest() throws Exception {
        for (String bad : List.of("", "{", "null", "{\"expression\": \"(((\"}", "{\"expression\": \"exp(\", \"wrt\": \"x\"}"))
            assertEquals(400, post("/api/grad", bad).status());
        Reply ok = post("/api/grad", "{\"expression\": \"tr(A*X*B)\", \"wrt\": \"X\"}");
        assertEquals(200, ok.status(), ok.body());
        assertEquals("A'*B'", ok.json().path("closed_form").path("X").asText());
        assertNotNull(server.url());
    }
}
