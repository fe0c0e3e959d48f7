package io.tracediff.print.notation;

/** Output notations: as a paper writes it, as the input language (parses back), and LaTeX. */
public enum Format { UNICODE, ASCII, LATEX }
