package dev.serverlesslab.emulator.logs;

/** A log group as DescribeLogGroups reports it. */
public record LogGroupInfo(String logGroupName, long creationTime, String arn, String logGroupArn, long storedBytes,
        Integer retentionInDays) {
}
