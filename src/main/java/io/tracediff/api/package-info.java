/**
 * The Java API of tracediff, and what every {@code tracediff} command is wired over: a command reads its
 * options, calls one of these entry points and formats the result, so a program gets exactly what the CLI prints.
 *
 * <ul>
 *   <li>{@link io.tracediff.api.Problem}: an expression parsed and type-checked under declarations, in the one
 *       reading all commands share (undeclared a–g are scalars, unless only vectors make the expression a scalar,
 *       as in {@code a'*exp(X*b)}).</li>
 *   <li>{@link io.tracediff.api.Mathematics}: the rules and elementwise functions to derive with (built-in,
 *       plus rule files and functions defined by a formula).</li>
 *   <li>{@link io.tracediff.api.Derivations}: gradient, Jacobian, Hessian and generated source, self-checked.</li>
 *   <li>{@link io.tracediff.api.Values} and {@link io.tracediff.api.Evaluation}: numbers for the variables (inline
 *       JSON or a file) and the problem and its derivatives evaluated there.</li>
 *   <li>{@link io.tracediff.api.Verification}: the closed form checked against reverse mode and central
 *       differences, and proved exactly with Symja.</li>
 * </ul>
 *
 * Bad input throws {@link io.tracediff.core.UserError} with a message naming the problem and the fix; the
 * results are the engine's records ({@code Gradients.Result}, {@code Jacobians.Result}, …), printed with
 * {@link io.tracediff.print.Printer}. This package depends on the engine alone: the command line and the web page are built on it, not under it.
 */
package io.tracediff.api;
