package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code tracediff serve} as a process: prints its URL, serves, warns off loopback, and stops cleanly on Ctrl-C (SIGINT). */
class ServeCommandTest {

    static final Pattern SERVING = Pattern.compile("tracediff: serving (http://127\\.0\\.0\\.1:(\\d+)/) \\(Ctrl-C stops\\)");

    record Served(Process process, BufferedReader out, String firstLine) {}

    static Served start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        return new Served(p, out, line);
    }

    /** Ctrl-C: SIGINT to the process; it says it stopped and ends. */
    static void interrupt(Served s) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(s.process().pid())).start().waitFor());
        assertTrue(s.process().waitFor(30, TimeUnit.SECONDS), "serve ended after Ctrl-C");
        assertEquals("tracediff: stopped", s.out().readLine());
        assertEquals(130, s.process().exitValue(), "the exit status of a process ended by SIGINT");
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test void servesOnAFreePortUntilCtrlC() throws Exception {
        Served s = start("--port", "0");
        try {
            Matcher m = SERVING.matcher(String.valueOf(s.firstLine()));
            assertTrue(m.matches(), s.firstLine());
            HttpResponse<String> page = get(m.group(1));
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>tracediff</title>"));
            interrupt(s);
            String err = new String(s.process().getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("", err, "no warning on loopback");
        } finally {
            s.process().destroyForcibly();
        }
    }

    /** The README's command as shown: the default port 8080 (when nothing else on this machine holds it). */
    @Test void readmeCommandServesOnPort8080() throws Exception {
        try (ServerSocket probe = new ServerSocket(8080, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(8080, probe.getLocalPort());
        } catch (java.io.IOException e) {
            Assumptions.abort("port 8080 is taken on this machine");
        }
        Served s = start();
        try {
            if (s.firstLine() == null) {  // another process took 8080 between the probe and the start
                String err = new String(s.process().getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                Assumptions.assumeFalse(err.startsWith("error: cannot listen on 127.0.0.1:8080"), err);
            }
            assertEquals("tracediff: serving http://127.0.0.1:8080/ (Ctrl-C stops)", s.firstLine());
            interrupt(s);
        } finally {
            s.process().destroyForcibly();
        }
    }

    @Test void anotherHostIsServedWithAWarning() throws Exception {
        Served s = start("--port", "0", "--host", "0.0.0.0");
        try {
            assertTrue(String.valueOf(s.firstLine()).startsWith("tracediff: serving http://0.0.0.0:"), s.firstLine());
            interrupt(s);
            String err = new String(s.process().getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(err.startsWith("warning: listening on 0.0.0.0, not loopback: anyone who can reach this address can use the server"), err);
        } finally {
            s.process().destroyForcibly();
        }
    }

    @Test void badOptionsAreUserErrors() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), "serve", "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(ExitCodes.USER_ERROR, code);
            assertTrue(err.toString().startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort()), err.toString());
            assertTrue(err.toString().contains("choose another --port, or 0 for a free one"), err.toString());
        }
        for (String[] args : new String[][] {{"--port", "70000"}, {"--time-limit", "0"}, {"--workers", "0"}, {"--host", "no-such-host.invalid"}}) {
            StringWriter out = new StringWriter(), err = new StringWriter();
            List<String> all = new ArrayList<>(List.of("serve"));
            all.addAll(List.of(args));
            assertEquals(ExitCodes.USER_ERROR, Main.run(new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new)), err.toString());
            assertTrue(err.toString().startsWith("error: " + args[0]), err.toString());
        }
    }
}
