package dev.serverlesslab.emulator.apigateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the resource and method of a deployment that answer a path, as API Gateway does: at each level a literal
 * part wins over a {@code {param}}, which wins over a greedy {@code {proxy+}}; a method set up for the HTTP method
 * wins over {@code ANY}.
 */
public final class RouteMatcher {

    private final ApiDeployment deployment;

    public RouteMatcher(ApiDeployment deployment) {
        this.deployment = deployment;
    }

    /**
     * @param segments the decoded path segments below the stage; empty for the root
     */
    public Optional<RouteMatch> match(String httpMethod, List<String> segments) {
        return deployment.resources().values().stream()
                .filter(resource -> resource.parentId() == null)
                .findFirst()
                .flatMap(root -> match(root, httpMethod, segments, 0, new LinkedHashMap<>()));
    }

    private Optional<RouteMatch> match(ApiResource node, String httpMethod, List<String> segments, int index,
            Map<String, String> parameters) {
        if (index == segments.size()) {
            return method(node, httpMethod).map(method -> new RouteMatch(node, method, parameters));
        }
        String segment = segments.get(index);
        for (ApiResource child : children(node.id())) {
            if (child.isGreedy()) {
                Map<String, String> withRest = new LinkedHashMap<>(parameters);
                withRest.put(child.variableName(), String.join("/", segments.subList(index, segments.size())));
                Optional<RouteMatch> found = method(child, httpMethod)
                        .map(method -> new RouteMatch(child, method, withRest));
                if (found.isPresent()) {
                    return found;
                }
            } else if (child.isVariable()) {
                Map<String, String> withOne = new LinkedHashMap<>(parameters);
                withOne.put(child.variableName(), segment);
                Optional<RouteMatch> found = match(child, httpMethod, segments, index + 1, withOne);
                if (found.isPresent()) {
                    return found;
                }
            } else if (child.pathPart().equals(segment)) {
                Optional<RouteMatch> found = match(child, httpMethod, segments, index + 1, parameters);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** Literals first, then the one {@code {param}}, then the greedy variable. */
    private List<ApiResource> children(String parentId) {
        List<ApiResource> children = new ArrayList<>();
        for (ApiResource resource : deployment.resources().values()) {
            if (parentId.equals(resource.parentId())) {
                children.add(resource);
            }
        }
        children.sort(Comparator.comparingInt(RouteMatcher::rank));
        return children;
    }

    private static int rank(ApiResource resource) {
        return resource.isGreedy() ? 2 : resource.isVariable() ? 1 : 0;
    }

    private static Optional<ApiMethod> method(ApiResource resource, String httpMethod) {
        ApiMethod exact = resource.methods().get(httpMethod);
        return Optional.ofNullable(exact != null ? exact : resource.methods().get("ANY"));
    }
}
