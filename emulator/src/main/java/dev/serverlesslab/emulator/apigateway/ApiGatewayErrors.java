package dev.serverlesslab.emulator.apigateway;

import dev.serverlesslab.emulator.core.AwsException;

/**
 * The API Gateway error codes the emulator answers with, for REST APIs and HTTP APIs alike, with the messages AWS
 * gives where it has one.
 */
public final class ApiGatewayErrors {

    private ApiGatewayErrors() {
    }

    public static AwsException notFound(String message) {
        return new AwsException("NotFoundException", message, 404);
    }

    public static AwsException conflict(String message) {
        return new AwsException("ConflictException", message, 409);
    }

    public static AwsException badRequest(String message) {
        return new AwsException("BadRequestException", message, 400);
    }

    static AwsException apiNotFound(String accountId, String apiId) {
        return notFound("Invalid API identifier specified " + accountId + ":" + apiId);
    }

    static AwsException resourceNotFound() {
        return notFound("Invalid Resource identifier specified");
    }

    static AwsException methodNotFound() {
        return notFound("Invalid Method identifier specified");
    }

    static AwsException integrationNotFound() {
        return notFound("Invalid Integration identifier specified");
    }

    static AwsException stageNotFound() {
        return notFound("Invalid Stage identifier specified");
    }

    static AwsException deploymentNotFound() {
        return notFound("Invalid Deployment identifier specified");
    }
}
