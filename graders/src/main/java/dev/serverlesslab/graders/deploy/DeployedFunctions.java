package dev.serverlesslab.graders.deploy;

import dev.serverlesslab.graders.check.DeployedFunction;
import dev.serverlesslab.graders.check.Functions;
import dev.serverlesslab.graders.report.CheckInvocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The functions one grading deployed, by logical name in descriptor order, with one journal of every invocation the
 * checks made of any of them, in the order they were made (the runner tells each check's calls apart by position).
 */
public final class DeployedFunctions implements Functions {

    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final List<CheckInvocation> journal;

    DeployedFunctions(List<CheckInvocation> journal) {
        this.journal = journal;
    }

    List<CheckInvocation> journal() {
        return journal;
    }

    void add(String logical, LambdaFunction function) {
        functions.put(logical, function);
    }

    @Override
    public LambdaFunction get(String logical) {
        LambdaFunction function = functions.get(logical);
        if (function == null) {
            throw new IllegalArgumentException("this exercise has no function '" + logical + "': its functions are "
                    + String.join(", ", functions.keySet()));
        }
        return function;
    }

    @Override
    public List<String> names() {
        return List.copyOf(functions.keySet());
    }

    /** Logical name → deployed function, in descriptor order. */
    public Map<String, LambdaFunction> all() {
        return Collections.unmodifiableMap(functions);
    }

    /** The function first in the descriptor: the only one of a single-function exercise. */
    public LambdaFunction first() {
        return functions.values().iterator().next();
    }

    /** Whether checks may take a plain {@link DeployedFunction}: only when there is no choice to make. */
    public boolean single() {
        return functions.size() == 1;
    }

    /** Every invocation the checks made of any of the functions, oldest first. */
    public List<CheckInvocation> invocationLog() {
        synchronized (journal) {
            return new ArrayList<>(journal);
        }
    }

    /** The physical names, for the deploy stage's line: {@code validate=lab-…, charge=lab-…}. */
    public String describe() {
        if (single()) {
            return first().name();
        }
        List<String> parts = new ArrayList<>();
        functions.forEach((logical, function) -> parts.add(logical + " → " + function.name()));
        return String.join(", ", parts);
    }
}
