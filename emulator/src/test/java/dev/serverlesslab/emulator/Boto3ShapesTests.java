package dev.serverlesslab.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.serverlesslab.emulator.lambda.FunctionZips;
import fixtures.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * KMS signing and MAC keys, SSM parameter labels, IAM customer managed policies and CloudWatch Logs filter patterns
 * through boto3, a client nobody here wrote, reading the emulator's answers by botocore's models. Skipped, saying
 * why, where python3 with boto3 is not installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Boto3ShapesTests {

    @TempDir
    Path workDir;
    private Emulator emulator;

    @BeforeAll
    void start() {
        emulator = Emulator.start(EmulatorConfig.defaults().withPort(0).withWorkDir(workDir));
    }

    @AfterAll
    void stop() {
        emulator.close();
    }

    @Test
    void boto3_readsALambdaFunctionsDeadLetterQueueAndJsonLoggingConfig() throws Exception {
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine");
        Path zip = workDir.resolve("counter.zip");
        Files.write(zip, FunctionZips.of(Counter.class));
        String script = """
                import boto3, sys, json
                kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test",
                          aws_secret_access_key="test")
                iam = boto3.client("iam", **kw)
                trust = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action":
                                    "sts:AssumeRole", "Principal": {"Service": "lambda.amazonaws.com"}}]})
                role = iam.create_role(RoleName="py-fn", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
                sqs = boto3.client("sqs", **kw)
                url = sqs.create_queue(QueueName="py-dlq")["QueueUrl"]
                queue = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
                lam = boto3.client("lambda", **kw)
                lam.create_function(FunctionName="py-dlq", Runtime="java17", Role=role,
                                    Handler="fixtures.Counter::handle", Code={"ZipFile": open(sys.argv[2], "rb").read()},
                                    DeadLetterConfig={"TargetArn": queue},
                                    LoggingConfig={"LogFormat": "JSON", "ApplicationLogLevel": "WARN"})
                c = lam.get_function_configuration(FunctionName="py-dlq")
                try:
                    lam.update_function_configuration(FunctionName="py-dlq",
                                                      DeadLetterConfig={"TargetArn": queue + "-missing"})
                    raise SystemExit("a missing queue was accepted")
                except lam.exceptions.InvalidParameterValueException:
                    pass
                print(c["DeadLetterConfig"]["TargetArn"] == queue, c["LoggingConfig"])
                """;
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script,
                emulator.endpoint().toString(), zip.toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("True {'LogFormat': 'JSON', 'ApplicationLogLevel': 'WARN', 'SystemLogLevel': 'INFO', "
                + "'LogGroup': '/aws/lambda/py-dlq'}", result.output().strip());
    }

    @Test
    void boto3_readsSigningLabelsPoliciesAndFilteredEvents() throws Exception {
        assumeTrue(ExternalClients.installed("python3", "-c", "import boto3"),
                "python3 with boto3 is not installed on this machine");
        String script = """
                import boto3, sys, json
                kw = dict(endpoint_url=sys.argv[1], region_name="us-east-1", aws_access_key_id="test",
                          aws_secret_access_key="test")
                kms = boto3.client("kms", **kw)
                key = kms.create_key(KeySpec="ECC_NIST_P384", KeyUsage="SIGN_VERIFY")["KeyMetadata"]
                sig = kms.sign(KeyId=key["KeyId"], Message=b"hello", SigningAlgorithm="ECDSA_SHA_384")
                ok = kms.verify(KeyId=key["KeyId"], Message=b"hello", Signature=sig["Signature"],
                                SigningAlgorithm="ECDSA_SHA_384")["SignatureValid"]
                try:
                    kms.verify(KeyId=key["KeyId"], Message=b"bye", Signature=sig["Signature"],
                               SigningAlgorithm="ECDSA_SHA_384")
                    raise SystemExit("a wrong signature verified")
                except kms.exceptions.KMSInvalidSignatureException:
                    pass
                der = kms.get_public_key(KeyId=key["KeyId"])["PublicKey"]
                hmac = kms.create_key(KeySpec="HMAC_384", KeyUsage="GENERATE_VERIFY_MAC")["KeyMetadata"]
                mac = kms.generate_mac(KeyId=hmac["KeyId"], Message=b"m", MacAlgorithm="HMAC_SHA_384")["Mac"]
                ssm = boto3.client("ssm", **kw)
                ssm.put_parameter(Name="/py/p", Value="one", Type="String")
                ssm.put_parameter(Name="/py/p", Value="two", Type="String", Overwrite=True)
                labelled = ssm.label_parameter_version(Name="/py/p", ParameterVersion=1, Labels=["blue"])
                blue = ssm.get_parameter(Name="/py/p:blue")["Parameter"]["Value"]
                history = [p["Labels"] for p in ssm.get_parameter_history(Name="/py/p")["Parameters"]]
                iam = boto3.client("iam", **kw)
                doc = json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                  "Resource": "*"}]})
                arn = iam.create_policy(PolicyName="py-read", PolicyDocument=doc)["Policy"]["Arn"]
                version = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
                local = [p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"]]
                logs = boto3.client("logs", **kw)
                logs.create_log_group(logGroupName="py/g")
                logs.create_log_stream(logGroupName="py/g", logStreamName="s")
                logs.put_log_events(logGroupName="py/g", logStreamName="s", logEvents=[
                    {"timestamp": 1000, "message": json.dumps({"level": "ERROR", "ms": 700})},
                    {"timestamp": 1001, "message": json.dumps({"level": "ERROR", "ms": 7})}])
                found = logs.filter_log_events(logGroupName="py/g", filterPattern="{ $.ms > 100 }")["events"]
                print(ok, len(der) > 80, len(mac), labelled["ParameterVersion"], labelled["InvalidLabels"], blue,
                      history, version["IsDefaultVersion"], local, len(found))
                """;
        ExternalClients.Result result = ExternalClients.run(List.of("python3", "-c", script,
                emulator.endpoint().toString()));

        assertEquals(0, result.exitCode(), result.output());
        assertEquals("True True 48 1 [] one [['blue'], []] True ['py-read'] 1", result.output().strip());
    }
}
