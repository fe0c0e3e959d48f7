package io.tracediff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The source tree itself: names that say which class they mean, and no imports left behind. */
class SourceTreeTest {
    private static final Path MAIN = Path.of("src/main/java"), TEST = Path.of("src/test/java");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

    private static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : List.of(MAIN, TEST))
            try (Stream<Path> s = Files.walk(root)) { s.filter(p -> p.toString().endsWith(".java")).forEach(out::add); }
        return out;
    }

    @Test void noTwoClassesShareASimpleName() throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Path p : sources()) {
            String file = p.getFileName().toString();
            if (file.equals("package-info.java")) continue;
            byName.computeIfAbsent(file, k -> new ArrayList<>()).add(p.toString());
        }
        byName.values().removeIf(paths -> paths.size() == 1);
        assertEquals(Map.of(), byName, "classes sharing a simple name; give each a name that says what it is");
    }

    /** An import whose simple name appears nowhere else in the file (comments count, so {@link X} keeps X). */
    @Test void everyImportIsUsed() throws IOException {
        List<String> unused = new ArrayList<>();
        for (Path p : sources()) {
            String src = Files.readString(p);
            String body = IMPORT.matcher(src).replaceAll("");
            Matcher m = IMPORT.matcher(src);
            while (m.find()) {
                String target = m.group(2);
                if (target.endsWith("*")) continue;
                String name = target.substring(target.lastIndexOf('.') + 1);
                if (!Pattern.compile("(?<![\\w$])" + Pattern.quote(name) + "(?![\\w$])").matcher(body).find())
                    unused.add(p + ": import " + target);
            }
        }
        assertEquals(List.of(), unused, "unused imports");
    }
}
