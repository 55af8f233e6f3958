package dev.serverlesslab.graders.run;

import dev.serverlesslab.graders.check.DeployedFunction;

/** What a grading offers its checks as parameters; more (HTTP clients, SDK clients, resource names) comes with later exercises. */
public record CheckContext(DeployedFunction function) {
}
