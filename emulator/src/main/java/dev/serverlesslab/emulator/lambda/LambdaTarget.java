package dev.serverlesslab.emulator.lambda;

import dev.serverlesslab.emulator.core.AccountRegion;
import dev.serverlesslab.emulator.core.Arns;
import dev.serverlesslab.emulator.core.AwsException;
import dev.serverlesslab.emulator.core.Targets;
import java.nio.charset.StandardCharsets;

/**
 * Lambda as a delivery target for other services (S3 notifications, SNS subscriptions, EventBridge rules): an
 * asynchronous (Event) invocation, as those services invoke on AWS, after the function's resource-based policy has
 * allowed the sending service principal for that source. Retries, maximum event age and destinations then follow the
 * function's event invoke config, as for any Event invocation.
 */
public final class LambdaTarget implements Targets.Target {

    private final LambdaBackend lambda;

    public LambdaTarget(LambdaBackend lambda) {
        this.lambda = lambda;
    }

    @Override
    public void deliver(Targets.Delivery delivery) {
        AccountRegion scope = delivery.targetScope();
        String resource = Arns.resource(delivery.targetArn());
        String[] parts = resource.split(":");
        if (parts.length < 2 || !"function".equals(parts[0])) {
            throw new AwsException("InvalidParameterValue", delivery.targetArn() + " is not a Lambda function ARN", 400);
        }
        String name = parts[1];
        String qualifier = parts.length > 2 ? parts[2] : null;
        if (delivery.principal() != null && !lambda.permissions().allowsService(scope, name, qualifier,
                delivery.principal(), delivery.sourceArn(), delivery.sourceAccount())) {
            throw new AwsException("AccessDeniedException", delivery.principal() + " is not allowed to invoke "
                    + delivery.targetArn() + (delivery.sourceArn() == null ? "" : " for " + delivery.sourceArn())
                    + ": add a permission with lambda add-permission --principal " + delivery.principal()
                    + (delivery.sourceArn() == null ? "" : " --source-arn " + delivery.sourceArn())
                    + " --action lambda:InvokeFunction", 403);
        }
        lambda.invoke(scope, new InvokeRequest(name, qualifier, InvocationType.Event,
                delivery.body().getBytes(StandardCharsets.UTF_8), null));
    }
}
