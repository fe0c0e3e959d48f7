package io.tracediff.kernel;

/**
 * tanh x within 3 ulps of {@link Math#tanh} at a quarter of its cost (Math.tanh is a native fdlibm call in JDK 17,
 * about 18 ns; this about 4.5): an MLP's forward pass spends more time in tanh than in its matrix products.
 * <ul>
 * <li>|x| &lt; 0.3: the odd Taylor series to x²³ (the first term left out is below 5e-18 relative);</li>
 * <li>0.3 ≤ |x| ≤ 20: (e − 1)/(e + 1) with e = exp(2|x|) ≥ 1.8, so e − 1 keeps e's accuracy;</li>
 * <li>beyond 20, ±1 (tanh 20 rounds to 1).</li>
 * </ul>
 * exp is table-driven, the textbook reduction (Tang, "Table-driven implementation of the exponential function in IEEE
 * floating-point arithmetic", ACM TOMS 15 (1989)): y = (64m + j) ln2/64 + r with |r| ≤ ln2/128, so
 * eʸ = 2ᵐ · 2^(j/64) · (1 + q(r)), q to r⁶ (r⁷/7! &lt; 3e-20); 2^(j/64) from a table of 64, 2ᵐ by writing the exponent
 * bits; s·(1 + q) as s + s·q. Within 2 ulps of StrictMath.exp on [0.6, 40] (TanhTest), which is enough here: tanh
 * stays within 3 ulps of Math.tanh, as the exp-based quotient did before. It costs 2.9 ns where the JDK's intrinsic
 * Math.exp costs 4.4 (a scratch loop over 4,096 entries, one sitting).
 * Generated Java carries the same routine as source ({@link #JAVA_SOURCE}), so generated code and the reverse-mode
 * engine agree to the last bit; the tree interpreter, the reference they are checked against, keeps Math.tanh.
 */
public final class Tanh {
    private Tanh() {}

    private static final double T3 = -1.0 / 3, T5 = 2.0 / 15, T7 = -17.0 / 315, T9 = 62.0 / 2835, T11 = -1382.0 / 155925,
            T13 = 21844.0 / 6081075, T15 = -929569.0 / 638512875, T17 = 6404582.0 / 10854718875.0,
            T19 = -443861162.0 / 1856156927625.0, T21 = 18888466084.0 / 194896477400625.0,
            T23 = -113927491862.0 / 2900518163668125.0;
    /** 64/ln 2; ln 2/64 in two parts, the first with 21 trailing zero bits so k·LN2_HI is exact for k &lt; 2²¹. */
    private static final double N_OVER_LN2 = 92.33248261689366, LN2_HI = 0x1.62e42feep-7, LN2_LO = 0x1.a39ef35793c76p-39;
    /** 1.5·2⁵²: adding it rounds to an integer held in the low bits of the mantissa. */
    private static final double SHIFT = 0x1.8p52;
    private static final double[] TWO_TO_J_OVER_64 = new double[64];
    static { for (int j = 0; j < 64; j++) TWO_TO_J_OVER_64[j] = StrictMath.pow(2, j / 64.0); }

    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0.3) {
            if (x == 0) return x;                        // keeps the sign of −0
            double z = x * x;
            return x + x * z * (T3 + z * (T5 + z * (T7 + z * (T9 + z * (T11 + z * (T13 + z * (T15 + z * (T17
                    + z * (T19 + z * (T21 + z * T23))))))))));
        }
        if (a > 20) return Math.copySign(1.0, x);
        double e = expOfAtMost40(2 * a);                 // NaN stays NaN here
        return Math.copySign((e - 1) / (e + 1), x);
    }

    /** eʸ for 0.6 ≤ y ≤ 40 (and NaN for NaN): no overflow, underflow or negative k to handle. */
    static double expOfAtMost40(double y) {
        double kd = y * N_OVER_LN2 + SHIFT;
        long k = Double.doubleToRawLongBits(kd);
        kd -= SHIFT;
        double r = (y - kd * LN2_HI) - kd * LN2_LO;
        double r2 = r * r;
        double q = r + r2 * (0.5 + r * (1.0 / 6)) + r2 * r2 * (1.0 / 24 + r * (1.0 / 120) + r2 * (1.0 / 720));
        double s = TWO_TO_J_OVER_64[(int) (k & 63)] * Double.longBitsToDouble((((k >> 6) & 0xfff) + 1023) << 52);
        return s + s * q;
    }

    /** {@link #tanh} as a self-contained Java member, for generated classes (which may depend on the JDK alone). */
    public static final String JAVA_SOURCE = """
            private static final double[] TANH_TWO_TO_J_OVER_64 = new double[64];
            static { for (int j = 0; j < 64; j++) TANH_TWO_TO_J_OVER_64[j] = StrictMath.pow(2, j / 64.0); }

            /**
             * tanh x within 3 ulps of Math.tanh at a quarter of its cost: the odd Taylor series below 0.3, above it
             * (e − 1)/(e + 1) with e = exp(2|x|) from a table of 2^(j/64) and a degree-6 polynomial, ±1 beyond 20.
             */
            static double tanh(double x) {
                double a = Math.abs(x);
                if (a < 0.3) {
                    if (x == 0) return x;
                    double z = x * x;
                    return x + x * z * (-1.0 / 3 + z * (2.0 / 15 + z * (-17.0 / 315 + z * (62.0 / 2835 + z * (-1382.0 / 155925
                            + z * (21844.0 / 6081075 + z * (-929569.0 / 638512875 + z * (6404582.0 / 10854718875.0
                            + z * (-443861162.0 / 1856156927625.0 + z * (18888466084.0 / 194896477400625.0
                            + z * (-113927491862.0 / 2900518163668125.0)))))))))));
                }
                if (a > 20) return Math.copySign(1.0, x);
                double y = 2 * a, kd = y * 92.33248261689366 + 0x1.8p52;
                long k = Double.doubleToRawLongBits(kd);
                kd -= 0x1.8p52;
                double r = (y - kd * 0x1.62e42feep-7) - kd * 0x1.a39ef35793c76p-39, r2 = r * r;
                double q = r + r2 * (0.5 + r * (1.0 / 6)) + r2 * r2 * (1.0 / 24 + r * (1.0 / 120) + r2 * (1.0 / 720));
                double s = TANH_TWO_TO_J_OVER_64[(int) (k & 63)] * Double.longBitsToDouble((((k >> 6) & 0xfff) + 1023) << 52);
                double e = s + s * q;
                return Math.copySign((e - 1) / (e + 1), x);
            }
            """;
}
