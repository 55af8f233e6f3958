package dev.serverlesslab.emulator.apigatewayv2;

import dev.serverlesslab.emulator.core.AwsException;

/** The API Gateway v2 error codes the emulator answers with, with the HTTP status AWS gives each. */
final class ApiGatewayV2Errors {

    private ApiGatewayV2Errors() {
    }

    static AwsException notFound(String message) {
        return new AwsException("NotFoundException", message, 404);
    }

    static AwsException conflict(String message) {
        return new AwsException("ConflictException", message, 409);
    }

    static AwsException badRequest(String message) {
        return new AwsException("BadRequestException", message, 400);
    }
}
