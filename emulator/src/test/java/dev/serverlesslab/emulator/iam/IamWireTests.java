package dev.serverlesslab.emulator.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.http.EdgeServer;
import dev.serverlesslab.emulator.http.ServiceRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Raw query-protocol requests, checking the exact XML other SDKs and the aws CLI parse. */
class IamWireTests {

    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/"
            + "aws4_request, SignedHeaders=host, Signature=00";

    private EdgeServer edge;

    @BeforeEach
    void start() {
        edge = EdgeServer.bind("127.0.0.1", 0, "us-east-1", "test");
        edge.start(new ServiceRouter(List.of(new IamHandler(new IamBackend()))));
    }

    @AfterEach
    void stop() {
        edge.close();
    }

    @Test
    void getRole_ofUnknownRole_answersErrorResponseXml() throws Exception {
        HttpResponse<String> response = post("Action=GetRole&Version=2010-05-08&RoleName=ghost");

        assertEquals(404, response.statusCode());
        assertEquals("text/xml", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().matches("<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchEntity</Code>"
                + "<Message>The role with name ghost cannot be found[^<]*</Message></Error></ErrorResponse>"),
                response.body());
    }

    @Test
    void listRolePolicies_answersResponseResultAndMetadata() throws Exception {
        post("Action=CreateRole&Version=2010-05-08&RoleName=fn&AssumeRolePolicyDocument="
                + "%7B%22Statement%22%3A%5B%5D%7D");

        HttpResponse<String> response = post("Action=ListRolePolicies&Version=2010-05-08&RoleName=fn");

        assertEquals(200, response.statusCode());
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElse("none");
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><ListRolePoliciesResponse "
                + "xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListRolePoliciesResult><PolicyNames>"
                + "</PolicyNames><IsTruncated>false</IsTruncated></ListRolePoliciesResult><ResponseMetadata>"
                + "<RequestId>" + requestId + "</RequestId></ResponseMetadata></ListRolePoliciesResponse>",
                response.body());
    }

    @Test
    void missingAction_answersMissingAction() throws Exception {
        HttpResponse<String> response = post("Version=2010-05-08");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>MissingAction</Code>"), response.body());
    }

    private HttpResponse<String> post(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edge.port() + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", AUTHORIZATION)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
