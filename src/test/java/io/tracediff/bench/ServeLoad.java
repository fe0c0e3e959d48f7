package io.tracediff.bench;

import io.tracediff.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load test of {@code tracediff serve} on loopback (run by bench/serve-load; not a unit test): starts the server as
 * its own process, runs CLIENTS concurrent clients for SECONDS seconds, each sending a mix of API calls back to back,
 * and prints throughput, p50/p99 latency, errors and the server process's resident memory (peak and at the end).
 * Usage: ServeLoad [clients=20] [seconds=30] [serve options…]
 */
public final class ServeLoad {

    /** The mix, in the order each client cycles through it (a client starts at its own offset). */
    static final List<String[]> MIX = List.of(
            new String[] {"print", "{\"expression\": \"x'*A*x\", \"let\": \"A: symmetric(n)\"}"},
            new String[] {"grad", "{\"expression\": \"a'*exp(X*b)\", \"let\": \"a: vector(m); X: matrix(m, n); b: vector(n)\", \"wrt\": \"X\", \"steps\": true}"},
            new String[] {"grad", "{\"expression\": \"norm2(W2*tanh(W1*x + b1) - y)^2\", \"let\": \"b1: vector(h)\", \"wrt\": [\"W1\", \"W2\"], \"cse\": true}"},
            new String[] {"grad", "{\"expression\": \"x'*A*x\", \"wrt\": \"x\", \"at\": {\"x\": [1, 2, -1], \"A\": [[2, 1, 0], [0, 3, 4], [5, 0, 1]]}}"},
            new String[] {"jacobian", "{\"expression\": \"A*X*B\", \"let\": \"A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)\", \"wrt\": \"X\"}"},
            new String[] {"hessian", "{\"expression\": \"sum(softplus(X*w)) - y'*X*w\", \"wrt\": \"w\"}"},
            new String[] {"check", "{\"expression\": \"logdet(S) + x'*inv(S)*x\", \"let\": \"S: spd(n)\", \"wrt\": \"S\", \"trials\": 1}"},
            new String[] {"codegen", "{\"expression\": \"norm2(X*w - y)^2\", \"wrt\": \"w\"}"},
            new String[] {"print", "{\"expression\": \"A*x +* 2\"}"});  // a user error: 400 is its right answer

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0"));
        cmd.addAll(Arrays.asList(args).subList(Math.min(2, args.length), args.length));
        Process server = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            String line = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)).readLine();
            String url = line.replaceAll(".*serving (\\S+) .*", "$1");
            run(url, clients, seconds, server.pid());
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    static void run(String url, int clients, int seconds, long pid) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long[][] latencies = new long[clients][];
        AtomicLong errors = new AtomicLong(), expected400 = new AtomicLong();
        Map<String, AtomicLong> perEndpoint = new TreeMap<>();
        for (String[] m : MIX) perEndpoint.putIfAbsent(m[0], new AtomicLong());
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int id = c;
            threads[c] = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
                long[] lat = new long[1 << 16];
                int n = 0;
                for (int i = id; System.nanoTime() < end; i++) {
                    String[] m = MIX.get(i % MIX.size());
                    HttpRequest req = HttpRequest.newBuilder(URI.create(url + "api/" + m[0])).timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(m[1])).build();
                    long t0 = System.nanoTime();
                    int status;
                    try {
                        status = http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long t = System.nanoTime() - t0;
                    boolean wantError = m[1].contains("+* 2");
                    if (wantError && status == 400) expected400.incrementAndGet();
                    else if (status != 200 || wantError) errors.incrementAndGet();
                    perEndpoint.get(m[0]).incrementAndGet();
                    if (n == lat.length) lat = Arrays.copyOf(lat, n * 2);
                    lat[n++] = t;
                }
                latencies[id] = Arrays.copyOf(lat, n);
            });
            threads[c].start();
        }
        long peakRss = 0;
        while (System.nanoTime() < end) {
            peakRss = Math.max(peakRss, kib(pid, "VmRSS"));
            Thread.sleep(200);
        }
        for (Thread t : threads) t.join();
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "clients %d, %d s, server: %s%n", clients, seconds, url);
        System.out.printf(Locale.ROOT, "| requests | throughput | p50 | p99 | max | errors | server RSS peak | server VmHWM |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|---|%n");
        System.out.printf(Locale.ROOT, "| %d | %.0f req/s | %.1f ms | %.1f ms | %.1f ms | %d | %d MiB | %d MiB |%n", all.length,
                all.length / (double) seconds, pct(all, 0.50), pct(all, 0.99), all[all.length - 1] / 1e6, errors.get(),
                peakRss / 1024, kib(pid, "VmHWM") / 1024);
        System.out.println("requests by endpoint: " + perEndpoint + "; the deliberate user error answered 400 " + expected400.get() + " times");
        if (errors.get() > 0) System.exit(1);
    }

    static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    /** A field of /proc/PID/status in KiB (Linux). */
    static long kib(long pid, String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status")))
                if (l.startsWith(field + ":")) return Long.parseLong(l.replaceAll("\\D", ""));
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
