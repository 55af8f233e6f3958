package dev.serverlesslab.emulator.ssm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public parameters AWS publishes under {@code /aws/service/} that tutorials read: the regions and services of
 * {@code global-infrastructure}, and the latest Amazon Linux AMI ids of {@code ami-amazon-linux-latest}. They are
 * read-only, the same in every account, and their ARNs carry no account, as AWS's do. The regions and services are a
 * subset of AWS's (the commercial regions and the services this emulator serves, each offered in every region
 * listed); the AMI ids are made-up ids of AWS's form, stable per region and name, for no image exists here.
 */
final class PublicParameters {

    static final String ROOT = "/aws/service/";
    private static final String INFRASTRUCTURE = "/aws/service/global-infrastructure";
    private static final String AMIS = "/aws/service/ami-amazon-linux-latest/";
    /** When these values were last changed, as their LastModifiedDate. */
    private static final Instant PUBLISHED = Instant.parse("2025-01-01T00:00:00Z");

    private static final Map<String, String> REGIONS = ordered(
            "us-east-1", "US East (N. Virginia)", "us-east-2", "US East (Ohio)",
            "us-west-1", "US West (N. California)", "us-west-2", "US West (Oregon)",
            "ca-central-1", "Canada (Central)", "sa-east-1", "South America (Sao Paulo)",
            "eu-west-1", "Europe (Ireland)", "eu-west-2", "Europe (London)", "eu-west-3", "Europe (Paris)",
            "eu-central-1", "Europe (Frankfurt)", "eu-north-1", "Europe (Stockholm)", "eu-south-1", "Europe (Milan)",
            "ap-south-1", "Asia Pacific (Mumbai)", "ap-northeast-1", "Asia Pacific (Tokyo)",
            "ap-northeast-2", "Asia Pacific (Seoul)", "ap-northeast-3", "Asia Pacific (Osaka)",
            "ap-southeast-1", "Asia Pacific (Singapore)", "ap-southeast-2", "Asia Pacific (Sydney)");
    private static final Map<String, String> SERVICES = ordered(
            "apigateway", "Amazon API Gateway", "dynamodb", "Amazon DynamoDB",
            "events", "Amazon EventBridge", "iam", "AWS Identity and Access Management (IAM)",
            "kinesis", "Amazon Kinesis Data Streams", "kms", "AWS Key Management Service",
            "lambda", "AWS Lambda", "logs", "Amazon CloudWatch Logs", "s3", "Amazon Simple Storage Service (S3)",
            "scheduler", "Amazon EventBridge Scheduler", "sns", "Amazon Simple Notification Service (SNS)",
            "sqs", "Amazon Simple Queue Service (SQS)", "ssm", "AWS Systems Manager",
            "states", "AWS Step Functions", "sts", "AWS Security Token Service");
    /** The names under ami-amazon-linux-latest that AWS's EC2 and CloudFormation tutorials use. */
    private static final String[] AMI_NAMES = {
        "al2023-ami-kernel-default-x86_64", "al2023-ami-kernel-default-arm64", "al2023-ami-kernel-6.1-x86_64",
        "al2023-ami-kernel-6.1-arm64", "al2023-ami-minimal-kernel-default-x86_64",
        "al2023-ami-minimal-kernel-default-arm64", "amzn2-ami-hvm-x86_64-gp2", "amzn2-ami-hvm-arm64-gp2",
        "amzn2-ami-kernel-5.10-hvm-x86_64-gp2", "amzn2-ami-kernel-5.10-hvm-arm64-gp2"};

    private final Map<String, NavigableMap<String, String>> byRegion = new ConcurrentHashMap<>();

    /** True for a name under {@code /aws/service/}, which only AWS writes. */
    static boolean isPublic(String nameOrPath) {
        return nameOrPath != null && (nameOrPath + "/").startsWith(ROOT);
    }

    /** Every public parameter as the given region serves it, by name. */
    NavigableMap<String, String> in(String region) {
        return byRegion.computeIfAbsent(region, PublicParameters::catalogue);
    }

    /** The stored form of one public parameter: version 1, a String, an ARN without an account. */
    static ParameterVersion version(String region, String name, String value) {
        return new ParameterVersion(name, "arn:aws:ssm:" + region + "::parameter" + name, ParameterType.String,
                value, null, 1, PUBLISHED, null);
    }

    private static NavigableMap<String, String> catalogue(String region) {
        NavigableMap<String, String> all = new TreeMap<>();
        for (Map.Entry<String, String> r : REGIONS.entrySet()) {
            String base = INFRASTRUCTURE + "/regions/" + r.getKey();
            all.put(base, r.getKey());
            all.put(base + "/longName", r.getValue());
            all.put(base + "/domain", "amazonaws.com");
            all.put(base + "/partition", "aws");
            SERVICES.keySet().forEach(service -> all.put(base + "/services/" + service, service));
        }
        for (Map.Entry<String, String> s : SERVICES.entrySet()) {
            String base = INFRASTRUCTURE + "/services/" + s.getKey();
            all.put(base, s.getKey());
            all.put(base + "/longName", s.getValue());
            REGIONS.keySet().forEach(r -> all.put(base + "/regions/" + r, r));
        }
        for (String name : AMI_NAMES) {
            all.put(AMIS + name, amiId(region, name));
        }
        return all;
    }

    /** {@code ami-} and 17 hex digits, as AWS's ids look, the same for the same region and name every time. */
    private static String amiId(String region, String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((region + "/" + name)
                    .getBytes(StandardCharsets.UTF_8));
            return "ami-0" + HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
