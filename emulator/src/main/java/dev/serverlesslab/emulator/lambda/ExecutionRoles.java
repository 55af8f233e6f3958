package dev.serverlesslab.emulator.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.iam.IamBackend;
import dev.serverlesslab.emulator.iam.IamRole;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Whether Lambda can assume a function's execution role, as CreateFunction and UpdateFunctionConfiguration check on
 * AWS: the role exists in the function's account and its trust policy lets {@code lambda.amazonaws.com} call
 * {@code sts:AssumeRole}. Otherwise AWS answers InvalidParameterValueException "The role defined for the function
 * cannot be assumed by Lambda.", which is what the aws CLI tutorials' create-role step is for.
 */
@FunctionalInterface
public interface ExecutionRoles {

    /** Any role is taken as it is: for a backend without IAM (tests of Lambda alone). */
    ExecutionRoles UNCHECKED = (accountId, roleArn) -> true;

    boolean assumable(String accountId, String roleArn);

    /** The roles of the emulator's IAM. */
    static ExecutionRoles of(IamBackend iam) {
        ObjectMapper mapper = new ObjectMapper();
        return (accountId, roleArn) -> {
            String prefix = "arn:aws:iam::" + accountId + ":role/";
            if (roleArn == null || !roleArn.startsWith(prefix)) {
                return false;
            }
            IamRole role;
            try {
                role = iam.getRole(accountId, roleArn.substring(roleArn.lastIndexOf('/') + 1));
            } catch (AwsException e) {
                return false;
            }
            return role.arn().equals(roleArn) && trustsLambda(mapper, role.assumeRolePolicyDocument());
        };
    }

    private static boolean trustsLambda(ObjectMapper mapper, String document) {
        if (document == null) {
            return false;
        }
        JsonNode policy;
        try {
            String text = document.strip().startsWith("%")
                    ? URLDecoder.decode(document, StandardCharsets.UTF_8) : document;
            policy = mapper.readTree(text);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
        JsonNode statements = policy.path("Statement");
        for (JsonNode statement : statements.isArray() ? statements : mapper.createArrayNode().add(statements)) {
            if ("Allow".equals(statement.path("Effect").asText())
                    && contains(statement.path("Action"), "sts:AssumeRole")
                    && contains(statement.path("Principal").path("Service"), "lambda.amazonaws.com")) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode value, String wanted) {
        if (value.isTextual()) {
            return value.asText().equals(wanted) || "*".equals(value.asText());
        }
        for (JsonNode item : value) {
            if (item.isTextual() && (item.asText().equals(wanted) || "*".equals(item.asText()))) {
                return true;
            }
        }
        return false;
    }
}
