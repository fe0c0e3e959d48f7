package io.tracediff.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.core.UserError;
import java.util.List;

/**
 * Answers an API call by running the tracediff command it mirrors, in-process: the command's --json output
 * (codegen: its source), plus a {@code "latex"} object with the same result as {@code --format latex} prints it.
 * No derivation happens here; a failed command becomes a 400 (user error) or 500 (bug) with its message.
 */
public final class Api {
    private Api() {}

    public static ObjectNode answer(CommandRunner runner, ApiRequest request) {
        CommandRun main = run(runner, request, request.mainCommand());
        ObjectNode answer;
        switch (request.endpoint()) {
            case CODEGEN -> {
                answer = JsonText.MAPPER.createObjectNode();
                answer.put("language", request.language().id());
                answer.put("label", request.language().label());
                answer.put("source", main.out());
            }
            default -> answer = (ObjectNode) parse(main.out());
        }
        ObjectNode latex = answer.putObject("latex");
        if (request.endpoint() == ApiRequest.Endpoint.PRINT) {
            latex.put("expression", parse(run(runner, request, request.latexCommand(false)).out()).path("expression").asText());
        } else {
            ArrayNode lines = latex.putArray("result");
            run(runner, request, request.latexCommand(false)).out().lines().filter(l -> !l.isBlank()).forEach(lines::add);
            if (request.steps()) latex.put("steps", run(runner, request, request.latexCommand(true)).out());
        }
        return answer;
    }

    /** Runs one command; exit 0 (and 3 for check: a disagreement is an answer) passes, anything else becomes an ApiError. */
    private static CommandRun run(CommandRunner runner, ApiRequest request, List<String> args) {
        CommandRun r = runner.run(args);
        if (r.ok() || r.exitCode() == CommandRun.DISAGREE && request.endpoint() == ApiRequest.Endpoint.CHECK) return r;
        if (r.exitCode() == CommandRun.USER_ERROR) throw new ApiError(400, message(r), position(request, r.failure()));
        throw new ApiError(500, message(r));
    }

    /** The CLI's message without its "error: " prefix and without the "Try --help" line, which names CLI options. */
    private static String message(CommandRun r) {
        String err = r.err().strip();
        if (err.startsWith("error: ")) err = err.substring("error: ".length());
        int tryHelp = err.indexOf("\nTry '");
        return tryHelp < 0 ? err : err.substring(0, tryHelp);
    }

    /** Which request field the offending span is in, found by the text the parser reported it in. */
    private static ApiError.Position position(ApiRequest request, Throwable failure) {
        if (!(failure instanceof UserError u) || u.source() == null) return null;
        if (u.source().equals(request.expression())) return new ApiError.Position("expression", 0, u.start(), u.end());
        int i = request.lets().indexOf(u.source());
        if (i >= 0) return new ApiError.Position("let", i, u.start(), u.end());
        i = request.functions().indexOf(u.source());
        if (i >= 0) return new ApiError.Position("fn", i, u.start(), u.end());
        return null;
    }

    private static JsonNode parse(String json) {
        try {
            return JsonText.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new ApiError(500, "internal error: the command printed no JSON (a bug in tracediff)");
        }
    }
}
