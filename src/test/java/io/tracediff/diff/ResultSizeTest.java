package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.print.Printer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Results are no larger than the textbook form (node count, each shared subtree counted where it
 * occurs): the simplifier must not leave a gradient longer than the Matrix Cookbook or a paper writes it.
 */
class ResultSizeTest {

    @ParameterizedTest(name = "∂({0})/∂{2} no larger than {3}")
    @CsvSource(delimiter = '|', textBlock = """
            tr(A*X*B)                          |                                 | X  | A'*B'
            tr(X'*A*X)                         |                                 | X  | (A + A')*X
            x'*A*x                             |                                 | x  | (A + A')*x
            det(X)                             |                                 | X  | det(X)*inv(X)'
            logdet(X)                          |                                 | X  | inv(X)'
            a'*inv(X)*b                        | a: vector(n); b: vector(n)      | X  | -inv(X)'*a*b'*inv(X)'
            a'*exp(X*b)                        | a: vector(m); b: vector(n)      | X  | (a .* exp(X*b))*b'
            norm2(A*x - b)^2                   | b: vector(m)                    | x  | 2*A'*(A*x - b)
            norm2(X*w - y)^2 + lam*w'*w        | lam: scalar                     | w  | 2*X'*(X*w - y) + 2*lam*w
            sum(softplus(X*w)) - y'*X*w        |                                 | w  | X'*(sigmoid(X*w) - y)
            logdet(S) + (x-mu)'*inv(S)*(x-mu)  | S: spd(n); mu: vector(n)        | S  | inv(S) - inv(S)*(x - mu)*(x - mu)'*inv(S)
            norm2(Y - U*V')^2                  |                                 | U  | -2*(Y - U*V')*V
            norm2(W2*tanh(W1*x + b1) - y)^2    | b1: vector(h)                   | W1 | 2*((W2'*(W2*tanh(W1*x + b1) - y)).*(1 - tanh(W1*x + b1).^2))*x'
            sum((Y - W2*tanh(W1*X)).^2)        |                                 | W1 | -2*((W2'*(Y - W2*tanh(W1*X))).*(1 - tanh(W1*X).^2))*X'
            """)
    void noLargerThanTheTextbook(String expr, String lets, String wrt, String textbook) {
        Problem t = Problem.of(expr, lets == null ? "" : lets);
        var g = Gradients.of(t.expr(), List.of(t.variables().get(wrt))).gradients().get(wrt);
        // The textbook form, typed under the same declarations as the problem.
        StringBuilder decls = new StringBuilder(lets == null ? "" : lets);
        for (var v : t.variables().values()) if (t.declarations().get(v.name()) == null) decls.append("; ").append(Problem.declaration(v));
        var book = Problem.of(textbook, decls.toString()).expr();
        assertTrue(g.size() <= book.size(), Printer.unicode(g) + " has " + g.size() + " nodes, the textbook form " + Printer.unicode(book) + " " + book.size());
    }
}
