package dev.serverlesslab.emulator.apigateway;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node of a REST API's path tree, with the methods set up on it.
 *
 * @param parentId null for the root resource {@code /}
 * @param pathPart null for the root; a literal, {@code {param}} or {@code {proxy+}}
 * @param methods keyed by HTTP method ({@code GET}, {@code ANY}), sorted
 */
public record ApiResource(String id, String parentId, String pathPart, String path, Map<String, ApiMethod> methods) {

    public ApiResource {
        methods = Collections.unmodifiableMap(new TreeMap<>(methods));
    }

    public ApiResource withMethod(ApiMethod method) {
        Map<String, ApiMethod> copy = new TreeMap<>(methods);
        copy.put(method.httpMethod(), method);
        return new ApiResource(id, parentId, pathPart, path, copy);
    }

    public ApiResource withoutMethod(String httpMethod) {
        Map<String, ApiMethod> copy = new TreeMap<>(methods);
        copy.remove(httpMethod);
        return new ApiResource(id, parentId, pathPart, path, copy);
    }

    /** True for {@code {name}} and {@code {name+}}. */
    public boolean isVariable() {
        return pathPart != null && pathPart.startsWith("{");
    }

    /** True for {@code {name+}}, which matches the rest of the path. */
    public boolean isGreedy() {
        return pathPart != null && pathPart.endsWith("+}");
    }

    /** The parameter name of a variable part: {@code id} for {@code {id}}, {@code proxy} for {@code {proxy+}}. */
    public String variableName() {
        return pathPart.substring(1, pathPart.length() - (isGreedy() ? 2 : 1));
    }
}
