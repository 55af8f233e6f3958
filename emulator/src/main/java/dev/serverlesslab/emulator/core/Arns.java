package dev.serverlesslab.emulator.core;

import java.util.Optional;

/** Reading AWS ARNs ({@code arn:partition:service:region:account:resource}). */
public final class Arns {

    private Arns() {
    }

    /** The service part ({@code sqs} of {@code arn:aws:sqs:us-east-1:123456789012:q}), when the text is an ARN. */
    public static Optional<String> service(String arn) {
        String[] parts = split(arn);
        return parts == null ? Optional.empty() : Optional.of(parts[2]);
    }

    /** The account and region an ARN names; {@link AwsException} (400, InvalidParameterValue) when it is no ARN. */
    public static AccountRegion scope(String arn) {
        String[] parts = split(arn);
        if (parts == null || parts[3].isEmpty() || parts[4].isEmpty()) {
            throw new AwsException("InvalidParameterValue", "'" + arn + "' is not an ARN with a region and account "
                    + "(arn:aws:SERVICE:REGION:ACCOUNT:RESOURCE)", 400);
        }
        return new AccountRegion(parts[4], parts[3]);
    }

    /** Everything after the account: {@code function:name:alias}, {@code table/t/stream/x}, a queue's name. */
    public static String resource(String arn) {
        String[] parts = split(arn);
        if (parts == null) {
            throw new AwsException("InvalidParameterValue", "'" + arn + "' is not an ARN", 400);
        }
        return parts[5];
    }

    private static String[] split(String arn) {
        if (arn == null) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && "arn".equals(parts[0]) && !parts[2].isEmpty() ? parts : null;
    }
}
