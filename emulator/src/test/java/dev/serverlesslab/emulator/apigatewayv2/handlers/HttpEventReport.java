package dev.serverlesslab.emulator.apigatewayv2.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;

/** A payload 2.0 handler that reports what it saw of the event and sets two cookies. */
public class HttpEventReport implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String report = "route=" + event.getRouteKey()
                + " method=" + event.getRequestContext().getHttp().getMethod()
                + " rawPath=" + event.getRawPath()
                + " query=" + event.getRawQueryString()
                + " cookies=" + event.getCookies()
                + " id=" + (event.getPathParameters() == null ? null : event.getPathParameters().get("id"))
                + " stage=" + event.getRequestContext().getStage()
                + " cookieHeader=" + event.getHeaders().containsKey("cookie");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "text/plain"))
                .withCookies(List.of("seen=1", "visits=2"))
                .withBody(report)
                .build();
    }
}
