package dev.serverlesslab.emulator.http;

import dev.serverlesslab.emulator.core.AccountRegion;
import java.util.List;
import java.util.Map;

/**
 * A REST request resolved to its operation: the request, the operation's name and the path parameters its
 * {@code requestUri} template names ({@code FunctionName}, {@code restapi_id}), decoded.
 */
public record RestCall(AwsRequest request, String operation, Map<String, String> pathParameters) {

    public RestCall {
        pathParameters = Map.copyOf(pathParameters);
    }

    /** A path parameter the template names; a label the template lacks is a bug in the handler, not the caller. */
    public String path(String label) {
        String value = pathParameters.get(label);
        if (value == null) {
            throw new IllegalStateException(operation + " has no path parameter " + label + "; it has "
                    + pathParameters.keySet());
        }
        return value;
    }

    /** The account and region the call acts in. */
    public AccountRegion scope() {
        return request.scope();
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = request.queryValues(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The query parameters, first value of each (for paging helpers that read a few names). */
    public Map<String, String> queryParameters() {
        return request.queryParameters();
    }

    /** The request body as sent. */
    public byte[] body() {
        return request.body();
    }

    /** The first value of a header, matched case-insensitively. */
    public String header(String name) {
        return request.header(name);
    }
}
