package io.tracediff.parse;

import java.util.Collection;

/** "Did you mean …?": the closest known name by edit distance, if close enough to be a typo. */
public final class Suggest {
    private Suggest() {}

    public static String nearest(String name, Collection<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(), k.toLowerCase());
            // On a tie prefer the name of the same length: "tahn" is a swap in "tanh" more likely than "tan" plus a key.
            if (d < bestD || d == bestD && Math.abs(k.length() - name.length()) < Math.abs(best.length() - name.length())) {
                bestD = d;
                best = k;
            }
        }
        return best != null && bestD <= Math.max(1, Math.min(3, name.length() / 2)) ? best : null;
    }

    /** Damerau–Levenshtein (optimal string alignment), so "tahn" is one step from "tanh". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.length()][b.length()];
    }
}
