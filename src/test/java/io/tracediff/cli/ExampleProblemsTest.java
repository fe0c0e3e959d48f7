package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every examples/gradients/*.problem runs through {@code grad --problem} and prints its "# expect:" lines. */
class ExampleProblemsTest {

    @TestFactory
    Stream<DynamicTest> examplesPrintTheirExpectedClosedForms() throws IOException {
        Path dir = Path.of("examples", "gradients");
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".problem")).sorted().toList();
        }
        assertFalse(files.size() < 8, "examples: " + files);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            List<String> args = new ArrayList<>(List.of("grad", "--problem", f.toString()));
            StringBuilder expected = new StringBuilder();
            for (String line : Files.readAllLines(f)) {
                if (line.startsWith("# wrt:")) { args.add("--wrt"); args.add(line.substring(6).strip()); }
                if (line.startsWith("# expect:")) expected.append(line.substring(9).strip()).append('\n');
            }
            MainTest.Run r = MainTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertEquals(expected.toString(), r.out());
        }));
    }
}
