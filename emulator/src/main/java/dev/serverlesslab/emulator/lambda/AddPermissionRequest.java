package dev.serverlesslab.emulator.lambda;

/**
 * The AddPermission request members the emulator uses; the qualifier comes from the query string.
 */
public record AddPermissionRequest(String statementId, String action, String principal, String sourceArn,
        String sourceAccount, String eventSourceToken, String revisionId, String principalOrgID,
        String functionUrlAuthType) {

    /** The members a grant usually needs: who may call which action, optionally only from one source ARN. */
    public static AddPermissionRequest of(String statementId, String action, String principal, String sourceArn) {
        return new AddPermissionRequest(statementId, action, principal, sourceArn, null, null, null, null, null);
    }
}
