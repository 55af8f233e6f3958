package dev.serverlesslab.emulator.s3;

import dev.serverlesslab.emulator.http.AwsRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an S3 request points and whether it may still be served: virtual-host-style requests (the bucket in the
 * {@code Host}, as LocalStack's {@code bucket.s3.localhost.localstack.cloud}, {@code bucket.s3.<region>.localhost.
 * localstack.cloud} and {@code bucket.localhost}) are rewritten to path style, the key is read from the raw path
 * (so {@code a//b} and a trailing {@code /} stay in it), and presigned URLs are refused once expired by the
 * emulator's clock.
 */
final class S3Addressing {

    private static final Pattern VIRTUAL_HOST = Pattern.compile(
            "(.+?)\\.(?:s3\\.(?:[a-z0-9-]+\\.)?localhost\\.localstack\\.cloud|localhost"
                    + "|s3(?:[.-][a-z0-9-]+)?\\.amazonaws\\.com)");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    /** SigV4 presigned URLs last at most seven days. */
    private static final long MAX_EXPIRES = 604_800;

    private S3Addressing() {
    }

    /** The bucket a Host header names, when it is a virtual-host-style S3 host. */
    static Optional<String> bucketOfHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.indexOf(']') < colon) {
            name = name.substring(0, colon);
        }
        Matcher matcher = VIRTUAL_HOST.matcher(name);
        if (!matcher.matches() || matcher.group(1).equals("s3")) {
            return Optional.empty();
        }
        return Optional.of(matcher.group(1));
    }

    /** The request in path style: {@code /key} on {@code bucket.host} becomes {@code /bucket/key}. */
    static AwsRequest pathStyle(AwsRequest request) {
        return bucketOfHost(request.header("Host"))
                .map(bucket -> new AwsRequest(request.requestId(), request.method(), "/" + bucket
                        + (request.rawPath().startsWith("/") ? request.rawPath() : "/" + request.rawPath()),
                        request.rawQuery(), request.headers(), request.body(), request.scope(), request.peer()))
                .orElse(request);
    }

    /**
     * The object key of a path-style request, decoded, exactly as sent after {@code /bucket/}: empty segments and a
     * trailing slash are part of an S3 key.
     */
    static String key(AwsRequest request) {
        String path = request.rawPath();
        int start = path.startsWith("/") ? 1 : 0;
        int slash = path.indexOf('/', start);
        return slash < 0 ? "" : AwsRequest.decodePathSegment(path.substring(slash + 1));
    }

    /** Refuses a presigned URL whose {@code X-Amz-Date} plus {@code X-Amz-Expires} lies before the clock's now. */
    static void checkNotExpired(AwsRequest request, Clock clock) {
        Map<String, String> query = request.queryParameters();
        String expires = query.get("X-Amz-Expires");
        String date = query.get("X-Amz-Date");
        if (expires == null || !query.containsKey("X-Amz-Credential")) {
            return;
        }
        long seconds;
        Instant signed;
        try {
            seconds = Long.parseLong(expires);
            signed = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            throw new S3Exception("AuthorizationQueryParametersError", "X-Amz-Expires must be a number of seconds "
                    + "and X-Amz-Date a date such as 20250101T000000Z", 400, Map.of());
        }
        if (seconds < 0 || seconds > MAX_EXPIRES) {
            throw new S3Exception("AuthorizationQueryParametersError", "X-Amz-Expires must be less than a week (in "
                    + "seconds) that is; 604800 seconds", 400, Map.of());
        }
        Instant now = clock.instant();
        Instant end = signed.plusSeconds(seconds);
        if (now.isAfter(end)) {
            throw new S3Exception("AccessDenied", "Request has expired", 403, Map.of("X-Amz-Expires", expires,
                    "Expires", S3Xml.timestamp(end), "ServerTime", S3Xml.timestamp(now)));
        }
    }
}
