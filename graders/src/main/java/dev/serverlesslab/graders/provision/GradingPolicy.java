package dev.serverlesslab.graders.provision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serverlesslab.exercises.exercise.Exercise;
import dev.serverlesslab.exercises.exercise.ExerciseResources;
import dev.serverlesslab.graders.backend.ResourceNaming;
import java.util.List;

/**
 * The inline policy a grading's execution role gets in a real AWS account, where IAM is enforced: the function may
 * write its own log groups and use this grading's tables, parameters, keys (by their {@value ResourceNaming#GRADING}
 * tag) and functions, nothing else. Emulators do not evaluate execution roles, so elsewhere the role stays as the
 * exercise declares it.
 */
final class GradingPolicy {

    /** The inline policy's name on the role. */
    static final String NAME = "serverless-lab-grading";

    private static final ObjectMapper JSON = new ObjectMapper();

    private GradingPolicy() {
    }

    /** The policy document for {@code exercise}'s grading {@code names} in {@code region} and {@code account}. */
    static String document(Exercise exercise, PhysicalNames names, String region, String account) {
        String id = names.prefix();
        ExerciseResources declared = exercise.resources();
        ObjectNode policy = JSON.createObjectNode().put("Version", "2012-10-17");
        ArrayNode statements = policy.putArray("Statement");
        statement(statements, "Logs", List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
                List.of("arn:aws:logs:" + region + ":" + account + ":log-group:/aws/lambda/" + id + "*"));
        statement(statements, "Functions", List.of("lambda:InvokeFunction", "lambda:GetFunction",
                "lambda:GetFunctionConfiguration"), List.of("arn:aws:lambda:" + region + ":" + account + ":function:"
                + id + "*"));
        if (!declared.tables().isEmpty()) {
            statement(statements, "Tables", List.of("dynamodb:*"),
                    List.of("arn:aws:dynamodb:" + region + ":" + account + ":table/" + id + "-*"));
        }
        if (!declared.parameters().isEmpty()) {
            String below = names.parameter("/").replaceAll("/+$", "");
            statement(statements, "Parameters", List.of("ssm:GetParameter", "ssm:GetParameters",
                    "ssm:GetParametersByPath", "ssm:PutParameter"), List.of(
                    "arn:aws:ssm:" + region + ":" + account + ":parameter" + below,
                    "arn:aws:ssm:" + region + ":" + account + ":parameter" + below + "/*"));
        }
        if (!declared.keys().isEmpty() || !declared.parameters().isEmpty()) {
            // Key ARNs exist only after the role, so the keys are named by their grading tag instead.
            ObjectNode keys = statement(statements, "Keys", List.of("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
                    "kms:GenerateDataKey*", "kms:DescribeKey"), List.of("*"));
            keys.putObject("Condition").putObject("StringEquals").put("aws:ResourceTag/" + ResourceNaming.GRADING, id);
        }
        return policy.toString();
    }

    private static ObjectNode statement(ArrayNode statements, String sid, List<String> actions, List<String> resources) {
        ObjectNode statement = statements.addObject().put("Sid", sid).put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        resources.forEach(statement.putArray("Resource")::add);
        return statement;
    }
}
