package io.tracediff.rules;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in rules in a compact binary form, written at build time from {@code rules/*.rules} (the pom runs
 * {@link #main} after compiling) and read at start-up instead of lexing and parsing ~250 lines, which took a
 * quarter of a cold CLI start. The text stays the source of truth: {@code RuleCodecTest} checks the shipped
 * form decodes to exactly the rules the parser reads from {@code rules/}, and a missing form falls back to parsing.
 */
public final class RuleCodec {
    /** Where the build puts the encoded built-in rules on the class path. */
    public static final String RESOURCE = "rules/builtin.bin";

    private static final int MAGIC = 0x54445231;  // "TDR1"; bump the digit when the layout changes
    private static final int VAR = 0, NUM = 1, APP = 2, CALL = 3, SAME_SIZE = 0, PROPERTY = 1;

    private RuleCodec() {}

    /** Build step: {@code RuleCodec RULES_DIR OUT_FILE} encodes every rule of the directory's rule files. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: RuleCodec RULES_DIR OUT_FILE");
        List<Rule> rules = RuleSet.load(RuleSet.directoryFiles(Path.of(args[0]))).all();
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.write(tmp, encode(rules));
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public static byte[] encode(List<Rule> rules) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(rules.size());
            for (Rule r : rules) {
                out.writeUTF(r.name());
                out.writeByte(r.kind().ordinal());
                write(out, r.lhs());
                write(out, r.rhs());
                out.writeUTF(r.source());
                out.writeUTF(r.where());
                out.writeUTF(r.text());
                out.writeShort(r.conditions().size());
                for (Condition c : r.conditions()) write(out, c);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);  // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** The rules {@link #encode} wrote, in order; an IOException names what is wrong with a damaged form. */
    public static List<Rule> decode(InputStream in) throws IOException {
        var data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) throw new IOException("not an encoded rule set of this version");
        int n = data.readInt();
        if (n < 0 || n > 1 << 20) throw new IOException("bad rule count " + n);
        Rule.Kind[] kinds = Rule.Kind.values();
        List<Rule> rules = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String name = data.readUTF();
            int kind = data.readUnsignedByte();
            if (kind >= kinds.length) throw new IOException("bad rule kind " + kind);
            Pattern lhs = readPattern(data, 0), rhs = readPattern(data, 0);
            String source = data.readUTF(), where = data.readUTF(), text = data.readUTF();
            int conditions = data.readUnsignedShort();
            List<Condition> cs = new ArrayList<>(conditions);
            for (int c = 0; c < conditions; c++) cs.add(readCondition(data));
            rules.add(new Rule(name, kinds[kind], lhs, rhs, source, where, text, cs));
        }
        if (data.read() != -1) throw new IOException("trailing bytes after " + n + " rules");
        return rules;
    }

    private static void write(DataOutputStream out, Pattern p) throws IOException {
        if (p instanceof Pattern.Var v) { out.writeByte(VAR); out.writeUTF(v.name()); }
        else if (p instanceof Pattern.Num x) { out.writeByte(NUM); out.writeDouble(x.value()); }
        else if (p instanceof Pattern.App a) { out.writeByte(APP); out.writeUTF(a.key()); writeArgs(out, a.args()); }
        else if (p instanceof Pattern.Call c) { out.writeByte(CALL); out.writeUTF(c.name()); writeArgs(out, c.args()); }
        else throw new IllegalArgumentException("unknown pattern " + p);
    }

    private static void writeArgs(DataOutputStream out, List<Pattern> args) throws IOException {
        if (args.size() > 255) throw new IllegalArgumentException("a pattern with " + args.size() + " operands");
        out.writeByte(args.size());
        for (Pattern a : args) write(out, a);
    }

    /** Patterns of rule files nest a few levels; the bound only keeps a damaged form from recursing without end. */
    private static final int MAX_DEPTH = 256;

    private static Pattern readPattern(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) throw new IOException("patterns nest deeper than " + MAX_DEPTH);
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case VAR -> new Pattern.Var(in.readUTF());
            case NUM -> new Pattern.Num(in.readDouble());
            case APP -> { String key = in.readUTF(); yield new Pattern.App(key, readArgs(in, depth)); }
            case CALL -> { String name = in.readUTF(); yield new Pattern.Call(name, readArgs(in, depth)); }
            default -> throw new IOException("bad pattern tag " + tag);
        };
    }

    private static List<Pattern> readArgs(DataInputStream in, int depth) throws IOException {
        int n = in.readUnsignedByte();
        List<Pattern> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) args.add(readPattern(in, depth + 1));
        return args;
    }

    private static void write(DataOutputStream out, Condition c) throws IOException {
        if (c instanceof Condition.SameSize s) { out.writeByte(SAME_SIZE); write(out, s.left()); write(out, s.right()); out.writeBoolean(s.equal()); }
        else if (c instanceof Condition.Property p) { out.writeByte(PROPERTY); out.writeUTF(p.name()); out.writeUTF(p.variable()); out.writeBoolean(p.negated()); }
        else throw new IllegalArgumentException("unknown condition " + c);
    }

    private static void write(DataOutputStream out, Condition.Size s) throws IOException {
        writeNullable(out, s.of());
        writeNullable(out, s.variable());
        out.writeInt(s.number());
    }

    private static Condition readCondition(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case SAME_SIZE -> new Condition.SameSize(readSize(in), readSize(in), in.readBoolean());
            case PROPERTY -> new Condition.Property(in.readUTF(), in.readUTF(), in.readBoolean());
            default -> throw new IOException("bad condition tag " + tag);
        };
    }

    private static Condition.Size readSize(DataInputStream in) throws IOException {
        return new Condition.Size(readNullable(in), readNullable(in), in.readInt());
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String readNullable(DataInputStream in) throws IOException { return in.readBoolean() ? in.readUTF() : null; }
}
