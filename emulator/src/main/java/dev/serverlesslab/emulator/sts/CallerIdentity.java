package dev.serverlesslab.emulator.sts;

/** Who a request's credentials belong to, as GetCallerIdentity answers. */
public record CallerIdentity(String userId, String account, String arn) {
}
