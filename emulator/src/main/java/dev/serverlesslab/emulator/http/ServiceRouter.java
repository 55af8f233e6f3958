package dev.serverlesslab.emulator.http;

import java.util.List;
import java.util.Optional;

/**
 * Picks the service for a request the way LocalStack does: the SigV4 signing name first, then the
 * {@code X-Amz-Target} prefix, then the path.
 */
public final class ServiceRouter {

    private final List<AwsService> services;

    public ServiceRouter(List<AwsService> services) {
        this.services = List.copyOf(services);
    }

    public List<AwsService> services() {
        return services;
    }

    /** The service that should answer, or empty when none of ours claims the request. */
    public Optional<AwsService> route(AwsRequest request) {
        String target = request.header("X-Amz-Target");
        // A presigned URL (S3) carries its scope in the query rather than the Authorization header.
        Optional<SigV4Scope> scope = SigV4Scope.of(request);
        if (scope.isPresent()) {
            List<AwsService> signed = services.stream()
                    .filter(service -> service.signingName().equals(scope.get().service()))
                    .toList();
            if (signed.size() == 1) {
                return Optional.of(signed.get(0));
            }
            if (signed.size() > 1) {
                // Several services share a signing name (API Gateway v1 and v2 both sign as "apigateway").
                return byTarget(signed, target).or(() -> byPath(signed, request.rawPath()));
            }
            return Optional.empty();
        }
        return byTarget(services, target).or(() -> byPath(services, request.rawPath()));
    }

    private static Optional<AwsService> byTarget(List<AwsService> candidates, String target) {
        if (target == null) {
            return Optional.empty();
        }
        int dot = target.indexOf('.');
        String prefix = dot < 0 ? target : target.substring(0, dot);
        return candidates.stream().filter(service -> service.targetPrefixes().contains(prefix)).findFirst();
    }

    private static Optional<AwsService> byPath(List<AwsService> candidates, String path) {
        return candidates.stream()
                .filter(service -> service.pathPrefixes().stream().anyMatch(prefix -> under(path, prefix)))
                .findFirst();
    }

    /** True when the path is the prefix or below it: {@code /v2} covers {@code /v2/apis}, not {@code /v2x}. */
    static boolean under(String path, String prefix) {
        if (!path.startsWith(prefix)) {
            return false;
        }
        return prefix.endsWith("/") || path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }
}
