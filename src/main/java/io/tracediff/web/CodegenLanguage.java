package io.tracediff.web;

import io.tracediff.cli.CodegenCommand;
import java.util.List;
import picocli.CommandLine;

/**
 * A language {@code tracediff codegen} writes, as the page's code tabs and {@code POST /api/codegen} offer it.
 * {@link #ALL} is the one list: a new language is one line there.
 */
public record CodegenLanguage(String id, String label) {

    /** Every language, in tab order. */
    public static final List<CodegenLanguage> ALL = List.of(
            new CodegenLanguage("java", "Java"));

    /** The language with this id, or null. */
    public static CodegenLanguage byId(String id) {
        for (CodegenLanguage l : ALL) if (l.id.equals(id)) return l;
        return null;
    }

    /** The codegen options that select this language: {@code --lang=ID} once the command has --lang; Java is its default. */
    public List<String> options() {
        if (HAS_LANG_OPTION) return List.of("--lang=" + id);
        if (!id.equals("java")) throw new IllegalStateException("codegen has no --lang option for " + id);
        return List.of();
    }

    private static final boolean HAS_LANG_OPTION =
            new CommandLine(new CodegenCommand()).getCommandSpec().findOption("--lang") != null;
}
