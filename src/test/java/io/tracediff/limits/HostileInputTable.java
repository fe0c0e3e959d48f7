package io.tracediff.limits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * bench/hostile: each hostile input in a fresh JVM with the heap bounded (-Xmx256m unless
 * HOSTILE_HEAP says otherwise), under /usr/bin/time, as a Markdown table: exit code, wall seconds,
 * peak resident memory of the whole JVM, and the first line of the message.
 */
public final class HostileInputTable {
    private HostileInputTable() {}

    public static void main(String[] args) throws Exception {
        String heap = System.getenv().getOrDefault("HOSTILE_HEAP", "256m");
        String classpath = System.getProperty("java.class.path");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        boolean time = Files.isExecutable(Path.of("/usr/bin/time"));
        Path dir = Files.createTempDirectory("hostile");
        System.out.println("Heap -Xmx" + heap + "; peak RSS is the whole JVM's (" + (time ? "/usr/bin/time -f %M" : "not measured") + ").\n");
        System.out.println("| input | exit | wall s | CPU s | peak RSS MiB | message or output (first line, cut at 110 characters) |");
        System.out.println("|---|---|---|---|---|---|");
        for (HostileInputs.Case c : HostileInputs.all(dir)) {
            List<String> cmd = new ArrayList<>();
            if (time) cmd.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", dir.resolve("rss").toString()));
            cmd.addAll(List.of(java, "-Xmx" + heap, "-cp", classpath, "io.tracediff.cli.Main"));
            cmd.addAll(c.args());
            // Linux passes no argument over 128 KiB and no NUL to a process: those inputs exist only in-process (HostileInputTest).
            if (c.args().stream().anyMatch(a -> a.length() >= 128 * 1024 || a.indexOf(0) >= 0)) {
                System.out.printf("| %s | — | — | — | — | in-process only (HostileInputTest): no process can receive this argument |%n", c.name().replace("|", "\\|"));
                continue;
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
            long t0 = System.nanoTime();
            int code = pb.start().waitFor();
            double secs = (System.nanoTime() - t0) / 1e9;
            String out = Files.readString(dir.resolve("out")), err = Files.readString(dir.resolve("err"));
            String rss = "", cpu = "";
            if (time) {
                List<String> lines = Files.readAllLines(dir.resolve("rss"));
                if (!lines.isEmpty()) {   // "maxRSS-KiB user-s sys-s"; the JVM's CPU time counts all its threads (JIT, GC)
                    String[] f = lines.get(lines.size() - 1).strip().split(" ");
                    rss = String.format("%.0f", Long.parseLong(f[0]) / 1024.0);
                    cpu = String.format("%.2f", Double.parseDouble(f[1]) + Double.parseDouble(f[2]));
                }
            }
            String shown = (code == 0 ? out : err).lines().findFirst().orElse("");
            if (shown.length() > 110) shown = shown.substring(0, 109) + "…";
            System.out.printf("| %s | %d | %.2f | %s | %s | %s |%n", c.name().replace("|", "\\|"), code, secs, cpu, rss,
                    shown.replace("|", "\\|").replace("`", "'"));
        }
    }
}
