package io.tracediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.ReadmeCommandsTest.Block;
import io.tracediff.codegen.SourceCompiler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Java API" example is a program: its code block, compiled in memory as written (imports at the top,
 * statements in main) against the project's classes, prints exactly the block shown after it.
 */
class ReadmeJavaApiTest {

    @Test
    void theJavaApiExamplePrintsWhatTheReadmeShows() throws Exception {
        List<String> readme = ReadmeCommandsTest.readmeLines();
        int section = readme.indexOf("## Java API");
        assertTrue(section >= 0, "README.md has no '## Java API' section");
        List<Block> blocks = ReadmeCommandsTest.blocks(readme).stream().filter(b -> b.firstLine() > section + 1).toList();
        Block code = blocks.get(0), shown = blocks.get(1);
        assertEquals("java", code.info(), "the first block of the Java API section is its example");
        assertEquals("text", shown.info(), "the block after the example shows what it prints");

        String cls = "ReadmeJavaApiExample";
        StringBuilder src = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String l : code.lines()) {
            if (l.startsWith("import ")) src.append(l).append('\n');
            else body.append("        ").append(l).append('\n');
        }
        src.append("public class ").append(cls).append(" {\n    public static void main(String[] args) throws Exception {\n")
           .append(body).append("    }\n}\n");
        SourceCompiler javac = SourceCompiler.JAVAC;
        assertTrue(javac.available(), "javax.tools is needed to compile the README's example");
        Class<?> example = javac.compile(cls, src.toString());

        String printed = runCapturingStdout(() -> example.getMethod("main", String[].class).invoke(null, (Object) new String[0]));
        assertNotNull(printed);
        assertEquals(String.join("\n", shown.lines()) + "\n", printed.replace("\r\n", "\n"),
                "README.md:" + shown.firstLine() + ": the Java API example prints something else");
    }

    interface Run { void run() throws Exception; }

    /** What {@code r} writes to System.out, in UTF-8 (ᵀ and ⊙ intact). */
    private static String runCapturingStdout(Run r) throws Exception {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } catch (InvocationTargetException e) {
            throw new AssertionError("the README's Java API example throws " + e.getCause(), e.getCause());
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
