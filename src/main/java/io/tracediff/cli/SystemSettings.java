package io.tracediff.cli;

import io.tracediff.limits.Limit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The -Dtracediff.* settings a process was started with (TRACEDIFF_JAVA_OPTS), checked once at start: a limit that
 * is not a positive whole number keeps its default and a name that is no setting does nothing, so both are said on
 * stderr rather than left to look as if they had worked.
 */
final class SystemSettings {
    private SystemSettings() {}

    /** Settings other than the limits, with the values each accepts (empty: any text, such as a class path). */
    private static final Map<String, List<String>> OTHERS = Map.of(
            "tracediff.blas", List.of("java", "native"),
            "tracediff.compiler", List.of("janino", "javac", "none"),
            "tracediff.symjaClasspath", List.of(),
            "tracediff.buildDir", List.of());

    /** One warning line per mistaken setting, without the "tracediff: warning: " prefix. */
    static List<String> problems(Properties props) {
        List<String> out = new ArrayList<>();
        TreeSet<String> known = new TreeSet<>(OTHERS.keySet());
        for (Limit l : Limit.values()) known.add(l.property());
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            if (!key.startsWith("tracediff.")) continue;
            String value = props.getProperty(key);
            Limit limit = null;
            for (Limit l : Limit.values()) if (l.property().equals(key)) limit = l;
            if (limit != null) {
                if (!positiveWhole(value))
                    out.add("-D" + key + "=" + shown(value) + " is not a positive whole number; the limit stays " + limit.value());
            } else if (OTHERS.containsKey(key)) {
                List<String> allowed = OTHERS.get(key);
                if (!allowed.isEmpty() && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(value.strip())))
                    out.add("-D" + key + "=" + shown(value) + " is not one of " + String.join(", ", allowed) + "; it is ignored");
            } else {
                out.add("-D" + key + " is not a tracediff setting and does nothing; the settings are " + String.join(", ", known));
            }
        }
        return out;
    }

    private static boolean positiveWhole(String s) {
        String t = s.strip().replace("_", "");
        if (t.isEmpty() || t.length() > 18 || !t.chars().allMatch(Character::isDigit)) return false;
        return Long.parseLong(t) > 0;
    }

    /** A value as the warning quotes it: bounded, and control characters shown as '?'. */
    private static String shown(String v) {
        String flat = v.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "…";
    }
}
