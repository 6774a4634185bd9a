package io.faultline.timeline;

/** A search expression that cannot be compiled: names the expression, the position (0-based, -1 if unknown) and the problem. */
public final class InvalidQueryException extends IllegalArgumentException {
    private final String expression;
    private final int position;
    private final String problem;

    InvalidQueryException(String expression, int position, String problem) {
        super("regex '" + expression + "'" + (position >= 0 ? " at position " + position : "") + ": " + problem);
        this.expression = expression;
        this.position = position;
        this.problem = problem;
    }

    /** What is wrong, without the expression or the position. */
    public String problem() {
        return problem;
    }

    public String expression() {
        return expression;
    }

    public int position() {
        return position;
    }
}
