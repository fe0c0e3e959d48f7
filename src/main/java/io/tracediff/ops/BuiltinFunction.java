package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.kernel.Erf;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The value and the autograd twin of each built-in elementwise function ({@link Functions}), one switch each rather
 * than 42 lambdas: every lambda is linked through method handles the first time it is reached, which cost a cold
 * CLI start about 10 ms for this table alone.
 */
enum BuiltinFunction implements DoubleUnaryOperator, UnaryOperator<Tensor> {
    EXP, LOG, SIN, COS, TAN, TANH, SIGMOID, RELU, SOFTPLUS, SQRT, ABS, SIGN, STEP, ARCSIN, ARCCOS, ARCTAN, SINH, COSH, LOG1P, EXPM1, ERF;

    @Override public double applyAsDouble(double x) {
        switch (this) {
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SIN: return Math.sin(x);
            case COS: return Math.cos(x);
            case TAN: return Math.tan(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return Functions.sigmoid(x);
            case RELU: return x > 0 ? x : 0;
            case SOFTPLUS: return Functions.softplus(x);
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case STEP: return x > 0 ? 1 : 0;
            case ARCSIN: return Math.asin(x);
            case ARCCOS: return Math.acos(x);
            case ARCTAN: return Math.atan(x);
            case SINH: return Math.sinh(x);
            case COSH: return Math.cosh(x);
            case LOG1P: return Math.log1p(x);
            case EXPM1: return Math.expm1(x);
            case ERF: return Erf.erf(x);
            default: throw new AssertionError(this);
        }
    }

    /** PyTorch's operation for the function (tan, sinh, cosh, log1p and expm1 composed as torch's autograd would see them written). */
    @Override public Tensor apply(Tensor x) {
        switch (this) {
            case EXP: return x.exp();
            case LOG: return x.log();
            case SIN: return x.sin();
            case COS: return x.cos();
            case TAN: return x.sin().div(x.cos());
            case TANH: return x.tanh();
            case SIGMOID: return x.sigmoid();
            case RELU: return x.relu();
            case SOFTPLUS: return x.softplus();
            case SQRT: return x.sqrt();
            case ABS: return x.abs();
            case SIGN: return x.gt(0).toFloat().sub(x.neg().gt(0).toFloat());
            case STEP: return x.gt(0).toFloat();
            case ARCSIN: return x.asin();
            case ARCCOS: return x.acos();
            case ARCTAN: return x.atan();
            case SINH: return x.exp().sub(x.neg().exp()).div(2);
            case COSH: return x.exp().add(x.neg().exp()).div(2);
            case LOG1P: return x.add(1).log();
            case EXPM1: return x.exp().sub(1);
            case ERF: return x.erf();
            default: throw new AssertionError(this);
        }
    }
}
