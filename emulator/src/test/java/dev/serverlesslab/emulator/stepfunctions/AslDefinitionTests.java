package dev.serverlesslab.emulator.stepfunctions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.serverlesslab.emulator.stepfunctions.asl.Definition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CreateStateMachine's checks: each broken definition is refused with a message naming the problem and its place. */
class AslDefinitionTests {

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}                         | MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next
            {"StartAt":"A","States":{"A":{"Type":"Pass"}}}                                    | Exactly one of 'Next' or 'End: true' is required at /States/A
            {"StartAt":"A","States":{"A":{"Type":"Pass","End":true,"Bogus":1}}}               | The field 'Bogus' is not supported
            {"StartAt":"A","States":{"A":{"Type":"Wait","End":true}}}                         | exactly one of Seconds, Timestamp, SecondsPath or TimestampPath at /States/A
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:x","End":true}}}      | INVALID_RESOURCE: no fake arn:x at /States/A/Resource
            {"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"$..x","End":true}}}      | deep scan (..) is not supported at /States/A/InputPath
            {"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"States.Nope()"},"End":true}}} | States.Nope is not an intrinsic function
            {"StartAt":"A","States":{"A":{"Type":"Choice","Choices":[{"Variable":"$.x","Next":"A"}]}}} | needs one comparison operator
            {"StartAt":"A","QueryLanguage":"JSONata","States":{"A":{"Type":"Succeed"}}}      | supports QueryLanguage JSONPath only
            {"StartAt":"A","States":{"A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED"},"StartAt":"B","States":{"B":{"Type":"Succeed"}}},"End":true}}} | runs Map states INLINE only
            {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"fake:x","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Z"}],"End":true}}} | Missing 'Next' target: Z at /States/A/Catch[0]/Next
            not json                                                                          | INVALID_JSON_DESCRIPTION
            """)
    void brokenDefinition_isRefusedNamingTheProblem(String definition, String expected) {
        Definition.InvalidDefinition refused = assertThrows(Definition.InvalidDefinition.class,
                () -> AslHarness.definition(definition));

        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }
}
