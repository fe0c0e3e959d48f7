package io.tracediff.cli;

import io.tracediff.core.UserError;
import io.tracediff.web.WebServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tracediff serve}: the web page and the JSON API on this machine, until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a web page (type an expression; see its gradient, Jacobian or Hessian rendered with KaTeX, the derivation, "
                + "the generated code and the three-way check) and a JSON API mirroring the commands: POST /api/print, grad, jacobian, "
                + "hessian, check and codegen with {\"expression\", \"let\", \"wrt\", \"at\", …}. Everything is served from the jar; "
                + "nothing is fetched from the network. Ctrl-C stops the server."},
        footer = {"", "Example:",
                "  tracediff serve --port 8080",
                "  tracediff: serving http://127.0.0.1:8080/ (Ctrl-C stops)",
                "", "Only this machine can connect unless --host names another address (then anyone who can reach it can)."})
public final class ServeCommand extends BaseCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--workers", paramLabel = "N", description = "Computations at once (default: the number of processors, at least 2).")
    Integer workers;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "64", description = "Calls that may wait for a worker; more get 503 (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--time-limit", paramLabel = "SECONDS", defaultValue = "10",
            description = "Time limit of one call; a computation past it is stopped (default ${DEFAULT-VALUE}).")
    double timeLimit;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, not " + port);
        int n = workers != null ? workers : Math.max(2, Runtime.getRuntime().availableProcessors());
        if (n < 1 || n > 256) throw new UserError("--workers must be between 1 and 256, not " + n);
        if (queue < 0 || queue > 10_000) throw new UserError("--queue must be between 0 and 10000, not " + queue);
        if (!(timeLimit > 0 && timeLimit <= 3600)) throw new UserError("--time-limit must be more than 0 and at most 3600 seconds");
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new UserError("--host " + host + ": unknown host");
        }
        WebServer server;
        try {
            server = new WebServer(new InProcessRunner(), host, port, n, queue, Math.round(timeLimit * 1000));
        } catch (BindException e) {
            throw new UserError("cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another --port, or 0 for a free one");
        } catch (IOException e) {
            throw new UserError("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
        if (!address.isLoopbackAddress())
            err().println("warning: listening on " + host + ", not loopback: anyone who can reach this address can use the server "
                    + "(it has no authentication); it reads and writes no files");
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            out().println("tracediff: stopped");
            out().flush();
            stopped.countDown();
        }, "tracediff-serve-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        server.start();
        out().println("tracediff: serving " + server.url() + " (Ctrl-C stops)");
        out().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
