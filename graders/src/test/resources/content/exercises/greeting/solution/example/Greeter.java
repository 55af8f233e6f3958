package example;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

// Calls SSM's GetParameter over plain HTTP (awsJson 1.1), so this fixture needs no AWS SDK on its class path.
// The emulator reads only the SigV4 credential scope (whose key selects the account), not the signature.
public class Greeter {
    public Map<String, String> handleRequest(Map<String, String> event) throws Exception {
        String scope = System.getenv("AWS_ACCESS_KEY_ID") + "/20250101/" + System.getenv("AWS_REGION")
                + "/ssm/aws4_request";
        HttpRequest request = HttpRequest.newBuilder(URI.create(System.getenv("AWS_ENDPOINT_URL")))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + scope
                        + ", SignedHeaders=content-type;host;x-amz-target, Signature=unchecked")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonSSM.GetParameter")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Name\":\"" + System.getenv("GREETING_PARAM") + "\"}"))
                .build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher value = Pattern.compile("\"Value\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
        return Map.of("greeting", value.find() ? value.group(1) : "no value in " + body,
                "region", String.valueOf(System.getenv("WHERE")));
    }
}
