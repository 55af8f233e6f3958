package example;

import java.util.Map;

public class Shapes {

    sealed interface Shape permits Circle, Square {}

    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}

    public Map<String, Object> handleRequest(Map<String, Object> event) {
        double size = ((Number) event.get("size")).doubleValue();
        Shape shape = "circle".equals(event.get("kind")) ? new Circle(size) : new Square(size);
        long area = switch (shape) {
            case Circle(double r) -> Math.round(Math.PI * r * r);
            case Square(double s) -> Math.round(s * s);
        };
        return Map.of("area", area, "java", Runtime.version().feature());
    }
}
