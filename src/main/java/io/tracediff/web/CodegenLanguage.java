package io.tracediff.web;

import java.util.List;

/**
 * A language {@code tracediff codegen} writes, as the page's code tabs and {@code POST /api/codegen} offer it.
 * {@link #ALL} is the one list: a new language is one line there.
 */
public record CodegenLanguage(String id, String label) {

    /** Every language, in tab order. */
    public static final List<CodegenLanguage> ALL = List.of(
            new CodegenLanguage("java", "Java"), new CodegenLanguage("numpy", "NumPy"),
            new CodegenLanguage("torch", "PyTorch"), new CodegenLanguage("jax", "JAX"));

    /** The language with this id, or null. */
    public static CodegenLanguage byId(String id) {
        for (CodegenLanguage l : ALL) if (l.id.equals(id)) return l;
        return null;
    }

    /** The codegen options that select this language. */
    public List<String> options() { return List.of("--lang=" + id); }
}
