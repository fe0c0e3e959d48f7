package io.tracediff.kernel;

/**
 * The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt, which the JDK lacks. W. J. Cody's rational Chebyshev
 * approximations ("Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969),
 * 631–637; the coefficients as in his specfun routine CALERF, netlib.org/specfun/erf) on three intervals:
 * erf(x) = x P(x²)/Q(x²) for |x| ≤ 0.46875; erfc(x) = e^(−x²) P(x)/Q(x) for |x| ≤ 4; beyond,
 * erfc(x) = e^(−x²)/x (1/√π + x⁻² P(x⁻²)/Q(x⁻²)). e^(−x²) is taken as e^(−s²) e^(−(x−s)(x+s)) with s = x
 * rounded down to 1/16, so the rounding of x² is not amplified. Relative error below 1e-15 on the whole line
 * (ErfTest compares with glibc's erf at 2000 points). Generated Java carries the same routine as source
 * ({@link #JAVA_SOURCE}), so generated code and the interpreter agree to the last bit.
 */
public final class Erf {
    private Erf() {}

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03, 2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01, 2.98635138197400131e02,
            8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02, 1.62138957456669019e03,
            3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1, 1.60837851487422766e-2,
            6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1, 6.05183413124413191e-2,
            2.33520497626869185e-3};
    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;

    public static double erf(double x) {
        double y = Math.abs(x);
        if (Double.isNaN(x)) return x;
        if (y <= 0.46875) {
            double z = y > 1.11e-16 ? y * y : 0.0, num = A[4] * z, den = z;
            for (int i = 0; i < 3; i++) { num = (num + A[i]) * z; den = (den + B[i]) * z; }
            return x * (num + A[3]) / (den + B[3]);
        }
        if (y >= 6.0) return Math.copySign(1.0, x);      // erfc(6) < 2.2e-17: erf is 1 in double precision
        double r;
        if (y <= 4.0) {
            double num = C[8] * y, den = y;
            for (int i = 0; i < 7; i++) { num = (num + C[i]) * y; den = (den + D[i]) * y; }
            r = (num + C[7]) / (den + D[7]);
        } else {
            double z = 1.0 / (y * y), num = P[5] * z, den = z;
            for (int i = 0; i < 4; i++) { num = (num + P[i]) * z; den = (den + Q[i]) * z; }
            r = (ONE_OVER_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y;
        }
        double s = Math.floor(y * 16.0) / 16.0;
        double erfc = Math.exp(-s * s) * Math.exp(-(y - s) * (y + s)) * r;
        return Math.copySign((0.5 - erfc) + 0.5, x);
    }

    /** The same routine as Java source, for generated code that must compile against the JDK alone. */
    public static final String JAVA_SOURCE = """
            /**
             * erf(x), which the JDK lacks: W. J. Cody's rational Chebyshev approximations (Math. Comp. 23 (1969) 631-637),
             * relative error below 1e-15.
             */
            static double erf(double x) {
                double y = Math.abs(x);
                if (Double.isNaN(x)) return x;
                if (y <= 0.46875) {
                    double z = y > 1.11e-16 ? y * y : 0.0;
                    double num = ((((1.85777706184603153e-1 * z + 3.16112374387056560e00) * z + 1.13864154151050156e02) * z
                            + 3.77485237685302021e02) * z) + 3.20937758913846947e03;
                    double den = (((z + 2.36012909523441209e01) * z + 2.44024637934444173e02) * z + 1.28261652607737228e03) * z
                            + 2.84423683343917062e03;
                    return x * num / den;
                }
                if (y >= 6.0) return Math.copySign(1.0, x);
                double r;
                if (y <= 4.0) {
                    double num = 2.15311535474403846e-8 * y, den = y;
                    num = (num + 5.64188496988670089e-1) * y; den = (den + 1.57449261107098347e01) * y;
                    num = (num + 8.88314979438837594e00) * y; den = (den + 1.17693950891312499e02) * y;
                    num = (num + 6.61191906371416295e01) * y; den = (den + 5.37181101862009858e02) * y;
                    num = (num + 2.98635138197400131e02) * y; den = (den + 1.62138957456669019e03) * y;
                    num = (num + 8.81952221241769090e02) * y; den = (den + 3.29079923573345963e03) * y;
                    num = (num + 1.71204761263407058e03) * y; den = (den + 4.36261909014324716e03) * y;
                    num = (num + 2.05107837782607147e03) * y; den = (den + 3.43936767414372164e03) * y;
                    r = (num + 1.23033935479799725e03) / (den + 1.23033935480374942e03);
                } else {
                    double z = 1.0 / (y * y), num = 1.63153871373020978e-2 * z, den = z;
                    num = (num + 3.05326634961232344e-1) * z; den = (den + 2.56852019228982242e00) * z;
                    num = (num + 3.60344899949804439e-1) * z; den = (den + 1.87295284992346047e00) * z;
                    num = (num + 1.25781726111229246e-1) * z; den = (den + 5.27905102951428412e-1) * z;
                    num = (num + 1.60837851487422766e-2) * z; den = (den + 6.05183413124413191e-2) * z;
                    r = (0.56418958354775628695 - z * (num + 6.58749161529837803e-4) / (den + 2.33520497626869185e-3)) / y;
                }
                double s = Math.floor(y * 16.0) / 16.0;
                double erfc = Math.exp(-s * s) * Math.exp(-(y - s) * (y + s)) * r;
                return Math.copySign((0.5 - erfc) + 0.5, x);
            }
            """;
}
