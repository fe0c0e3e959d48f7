# Splits the run-time class path (the second file: Maven's deps.txt, one line) into tracediff's own jars (printed
# first) and Symja's (second). The first file is Maven's verbose dependency tree: an artifact is Symja's when it
# shows (even omitted, as a version conflict) under a direct dependency of group org.matheclipse and under no
# other direct dependency of compile or runtime scope. Anything else stays on the class path: a jar this misses
# costs start-up time, never a failure. Used by bin/tracediff; tested by ClasspathSplitTest.
FILENAME == ARGV[1] {   # the tree (an empty tree must not make the class path read as one)
  if ($0 ~ /^[+\\]- /) { top = ($2 ~ /^org\.matheclipse:/) ? "symja" : ($2 ~ /:test$/) ? "test" : "core" }
  else if ($0 !~ /^[|\\ ]/) next
  if (match($0, /[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:[A-Za-z0-9_.-]+:/)) {
    split(substr($0, RSTART, RLENGTH), f, ":")
    path = f[1]; gsub(/\./, "/", path); key = "/" path "/" f[2] "/"
    if (top == "symja") symja[key] = 1; else if (top == "core") core[key] = 1
  }
  next
}
{
  n = split($0, jars, ":")
  for (i = 1; i <= n; i++) {
    if (jars[i] == "") continue
    deferred = 0
    for (p in symja) if (!(p in core) && index(jars[i], p)) { deferred = 1; break }
    if (deferred) s = s (s == "" ? "" : ":") jars[i]; else c = c (c == "" ? "" : ":") jars[i]
  }
}
END { print c; print s }
