package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The commands are option wiring over {@code io.tracediff.api}: they reach the engine's derivations, typing and
 * values through it, never through each other, and the API never reaches back into the CLI.
 */
class CommandsOverTheApiTest {

    static final Path MAIN = ShownCommands.projectDir().resolve("src/main/java/io/tracediff");

    /** The engine's entry points a command would otherwise call itself (what the API wraps once). */
    static final Pattern ENGINE_CALL = Pattern.compile(
            "\\b(Typer\\.typecheck|Declarations\\.parse|ValuesJson\\.|Bindings\\.bind|Evaluator\\.eval|Gradients\\.of|Jacobians\\.of|Hessians\\.of"
                    + "|Derivatives\\.of|CrossCheck\\.run|ExactCheck\\.gradients|StructuredEvaluator|CommonSubexpressions\\.of|UserFunctions\\.define)\\b");

    static final Pattern COMMAND_CLASS = Pattern.compile("\\b([A-Z]\\w*Command)\\b");

    private static List<Path> sources(String pkg) throws IOException {
        try (Stream<Path> s = Files.list(MAIN.resolve(pkg))) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    @Test
    void commandsReachTheEngineOnlyThroughTheApi() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources("cli")) {
            Matcher m = ENGINE_CALL.matcher(Files.readString(f));
            while (m.find()) found.add(f.getFileName() + ": " + m.group());
        }
        assertEquals(List.of(), found, "call these through io.tracediff.api");
    }

    @Test
    void noCommandUsesAnotherCommand() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : sources("cli")) {
            String name = f.getFileName().toString().replace(".java", "");
            if (!name.endsWith("Command") || name.equals("BaseCommand")) continue;
            Matcher m = COMMAND_CLASS.matcher(Files.readString(f));
            while (m.find())
                if (!m.group(1).equals(name) && !m.group(1).equals("BaseCommand")) found.add(name + " uses " + m.group(1));
        }
        assertEquals(List.of(), found, "share helpers through io.tracediff.api or a cli utility, not another command");
    }

    @Test
    void theApiDoesNotDependOnTheCliOrTheWeb() throws IOException {
        List<Path> api = sources("api");
        assertTrue(api.size() >= 5, "api sources: " + api);
        assertTrue(Files.exists(MAIN.resolve("api/package-info.java")), "io.tracediff.api is documented");
        for (Path f : api) {
            String text = Files.readString(f);
            assertTrue(!text.contains("io.tracediff.cli") && !text.contains("io.tracediff.web"), f + " reaches above the API");
        }
    }
}
