/**
 * Scalar calculus by Symja, loaded only when needed: user-defined elementwise functions
 * ({@code --fn "sp(x) = log(1 + exp(x))"}) get their value from the body and their derivative from
 * Symja's D, written back as an entrywise derivative rule.
 *
 * <pre>{@code
 * UserFunctions.Defined sp = UserFunctions.define("sp(x) = log(1 + exp(x))", Functions.builtin(), RuleSet.builtin());
 * sp.derivative().text();   // sp'(x) = exp(x) ./ (1 + exp(x))
 * Typer.Result f = Typer.typecheck("a'*sp(X*b)", Declarations.parse("a: vector(m); b: vector(n); X: matrix(m, n)"), sp.functions());
 * Gradients.of(f.expr(), List.of(f.variables().get("X")), sp.rules(), sp.functions());   // (a ⊙ (exp(X b) ⊘ (1 + exp(X b)))) bᵀ
 * }</pre>
 */
package io.tracediff.symja;
