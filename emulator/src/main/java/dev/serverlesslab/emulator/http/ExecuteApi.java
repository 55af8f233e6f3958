package dev.serverlesslab.emulator.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service whose deployed APIs answer on API Gateway's data plane (REST APIs and HTTP APIs). The edge server finds
 * the API id in the request the ways LocalStack accepts it and hands the call to whichever service owns that id.
 */
public interface ExecuteApi {

    /** True when this service holds an API with that id, in any account or region. */
    boolean hasApi(String apiId);

    /**
     * Answers one call to a deployed API.
     *
     * @param apiId the API's id
     * @param rawPath the path below the API, still percent-encoded, starting with {@code /}: for a REST API it
     *     begins with the stage ({@code /prod/orders/7}); for an HTTP API it is the request path as the client sent
     *     it ({@code /orders/7} on a {@code $default} stage, or {@code /dev/orders/7} on a named stage)
     * @param request the whole request, for method, query, headers and body
     */
    AwsResponse execute(String apiId, String rawPath, AwsRequest request);

    /** Where a data-plane call is addressed: which API, and the path below it. */
    record Target(String apiId, String rawPath) {

        // {id}.execute-api.localhost.localstack.cloud[:port], or any host of that shape.
        private static final Pattern HOST = Pattern.compile("^([A-Za-z0-9]+)\\.execute-api\\.[^:]+(:\\d+)?$");
        // /restapis/{id}/{stage}/_user_request_/{path}: LocalStack's path form for REST APIs.
        private static final Pattern USER_REQUEST =
                Pattern.compile("^/restapis/([A-Za-z0-9]+)/([^/]+)/_user_request_(/.*)?$");
        // /_aws/execute-api/{id}/{path}: LocalStack's path form for both kinds.
        private static final Pattern AWS_PATH = Pattern.compile("^/_aws/execute-api/([A-Za-z0-9]+)(/.*)?$");

        /** The target of a request, or empty when it is not addressed to an API's data plane. */
        public static Optional<Target> of(String host, String rawPath) {
            if (host != null) {
                Matcher byHost = HOST.matcher(host);
                if (byHost.matches()) {
                    return Optional.of(new Target(byHost.group(1), rawPath));
                }
            }
            Matcher userRequest = USER_REQUEST.matcher(rawPath);
            if (userRequest.matches()) {
                String rest = userRequest.group(3) == null ? "/" : userRequest.group(3);
                return Optional.of(new Target(userRequest.group(1), "/" + userRequest.group(2) + rest));
            }
            Matcher awsPath = AWS_PATH.matcher(rawPath);
            if (awsPath.matches()) {
                return Optional.of(new Target(awsPath.group(1), awsPath.group(2) == null ? "/" : awsPath.group(2)));
            }
            return Optional.empty();
        }
    }
}
