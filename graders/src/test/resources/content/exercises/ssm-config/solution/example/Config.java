package example;

import java.util.Map;
import software.amazon.awssdk.services.ssm.SsmClient;

public class Config {

    public Map<String, String> handleRequest(Map<String, String> event) {
        try (SsmClient ssm = SsmClient.create()) {
            String value = ssm.getParameter(b -> b.name(event.get("name"))).parameter().value();
            return Map.of("value", value);
        }
    }
}
