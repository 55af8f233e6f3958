package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.util.List;
import java.util.Map;

/** API Gateway's TOKEN authorizer: decides, for every call of the API, whether it may reach the orders function. */
public class TokenAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        // event.getAuthorizationToken() is the caller's Authorization header, e.g. "Bearer eyJhbGciOi...".
        // Your turn: allow a token signed with System.getenv("TOKEN_SECRET") that has not expired, passing on who called;
        //  deny everything else. Until then every call is denied, which is the safe way to be wrong.
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
                .withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE)
                .withEffect(IamPolicyResponseV1.DENY)
                .withResource(List.of(event.getMethodArn()))
                .build();
        return IamPolicyResponseV1.builder()
                .withPrincipalId("anonymous")
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(Map.of())
                .build();
    }
}
