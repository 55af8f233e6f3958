package dev.serverlesslab.emulator.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service serving Lambda function URLs on the data plane: {@code http://URL_ID.lambda-url.REGION.localhost:PORT/}
 * (by Host, as AWS's {@code URL_ID.lambda-url.REGION.on.aws}) or {@code /_aws/lambda-url/URL_ID/...} for clients that
 * cannot set the Host header.
 */
public interface FunctionUrlEndpoint {

    /** True when a function URL with this id exists, in any account or region. */
    boolean hasUrl(String urlId);

    /**
     * Answers one request to a function URL.
     *
     * @param rawPath the path below the URL, still percent-encoded, starting with {@code /}
     * @param signedAccount the account of a SigV4 {@code Authorization} with a key this emulator knows, if any
     */
    AwsResponse serveUrl(String urlId, String rawPath, AwsRequest request, Optional<String> signedAccount);

    /** Where a function URL call is addressed. */
    record Target(String urlId, String rawPath) {

        private static final Pattern HOST = Pattern.compile("^([a-z0-9]+)\\.lambda-url\\.[^:]+(:\\d+)?$");
        private static final Pattern PATH = Pattern.compile("^/_aws/lambda-url/([a-z0-9]+)(/.*)?$");

        /** The target of a request, or empty when it is not addressed to a function URL. */
        public static Optional<Target> of(String host, String rawPath) {
            if (host != null) {
                Matcher byHost = HOST.matcher(host.toLowerCase(java.util.Locale.ROOT));
                if (byHost.matches()) {
                    return Optional.of(new Target(byHost.group(1), rawPath));
                }
            }
            Matcher byPath = PATH.matcher(rawPath);
            if (byPath.matches()) {
                return Optional.of(new Target(byPath.group(1), byPath.group(2) == null ? "/" : byPath.group(2)));
            }
            return Optional.empty();
        }
    }
}
