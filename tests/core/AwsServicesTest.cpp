// The AWS service catalogue (names, categories, the engine's facts) and AWS_SERVICE_DUPLICATE.
#include "TestSupport.h"

#include "aws/AwsData.h"
#include "aws/AwsServices.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>

namespace pp::test {
namespace {

TEST(AwsServices, KnownCodeHasItsNameCategoryAndEndpointFacts)
{
    const AwsServiceInfo* sqs = findAwsService("sqs");
    ASSERT_NE(sqs, nullptr);
    EXPECT_EQ(sqs->name, "Amazon SQS");
    EXPECT_EQ(sqs->category, ServiceCategory::Messaging);
    EXPECT_FALSE(sqs->gatewayEndpoint);
    EXPECT_EQ(awsServiceLabel("sqs"), "Amazon SQS");

    const AwsServiceInfo* s3 = findAwsService("s3");
    ASSERT_NE(s3, nullptr);
    EXPECT_EQ(s3->category, ServiceCategory::Storage);
    EXPECT_TRUE(s3->gatewayEndpoint);
    EXPECT_EQ(findAwsService("dynamodb")->category, ServiceCategory::Database);
    EXPECT_EQ(findAwsService("ecr.dkr")->category, ServiceCategory::Containers);
    EXPECT_EQ(findAwsService("kms")->category, ServiceCategory::Security);
    EXPECT_EQ(findAwsService("bedrock-runtime")->category, ServiceCategory::MachineLearning);
    EXPECT_EQ(findAwsService("execute-api")->name, "Amazon API Gateway");
    EXPECT_EQ(serviceCategoryKey(ServiceCategory::MachineLearning), "machine-learning");
}

TEST(AwsServices, UnknownCodeFallsBackToAGenericLabel)
{
    EXPECT_EQ(findAwsService("quantum-ledger"), nullptr);
    EXPECT_EQ(awsServiceLabel("quantum-ledger"), "AWS quantum-ledger");
    EXPECT_FALSE(serviceHasGatewayEndpoint("quantum-ledger"));
    EXPECT_FALSE(serviceIsCrossRegionEnabled("quantum-ledger"));
}

TEST(AwsServices, CatalogueCoversTheCommonServicesOnceEach)
{
    std::set<std::string_view> codes;
    std::set<ServiceCategory> categories;
    for (const AwsServiceInfo& s : awsServices()) {
        EXPECT_TRUE(codes.insert(s.code).second) << "listed twice: " << s.code;
        EXPECT_FALSE(s.name.empty()) << s.code;
        categories.insert(s.category);
    }
    EXPECT_GE(codes.size(), 50u);
    EXPECT_EQ(int(categories.size()), kServiceCategoryCount) << "every category has a service";
    for (std::string_view code : {"s3", "dynamodb", "sqs", "sns", "execute-api", "lambda", "kms", "secretsmanager", "ssm",
                                  "ssmmessages", "ec2messages", "ec2", "ecr.api", "ecr.dkr", "ecs", "eks", "logs",
                                  "monitoring", "events", "sts", "iam", "kinesis-streams", "kinesis-firehose", "states",
                                  "elasticloadbalancing", "rds", "rds-data", "elasticache", "redshift", "athena", "glue",
                                  "sagemaker.api", "sagemaker.runtime", "bedrock-runtime", "codebuild", "codecommit",
                                  "codeartifact.api", "cloudformation", "config", "backup", "elasticfilesystem", "fsx",
                                  "transfer", "email-smtp", "cognito-idp", "appsync-api", "textract", "comprehend"})
        EXPECT_TRUE(codes.count(code)) << code << " is not listed";
}

// The engine reads the catalogue; its answers are those of the lists it had before.
TEST(AwsServices, EngineFactsAreUnchanged)
{
    std::set<std::string> gateway;
    for (const AwsServiceInfo& s : awsServices())
        if (serviceHasGatewayEndpoint(s.code))
            gateway.insert(std::string(s.code));
    EXPECT_EQ(gateway, (std::set<std::string>{"dynamodb", "s3"})) << "GW-1";
    for (std::string_view code : {"s3", "iam", "ecr.api", "ecr.dkr", "ecr", "kms", "ecs", "lambda", "firehose",
                                  "kinesis-firehose", "kinesisanalytics", "route53"})
        EXPECT_TRUE(serviceIsCrossRegionEnabled(code)) << code << " (IF-8)";
    for (std::string_view code : {"sqs", "sns", "dynamodb", "secretsmanager", "sts", "execute-api"})
        EXPECT_FALSE(serviceIsCrossRegionEnabled(code)) << code << " (IF-8)";
    EXPECT_EQ(serviceDefaultDnsName("sqs", "us-east-1"), "sqs.us-east-1.amazonaws.com");
    // Two-part codes: the labels the other way round, as the services' endpoint pages give them.
    EXPECT_EQ(serviceDefaultDnsName("ecr.api", "eu-west-1"), "api.ecr.eu-west-1.amazonaws.com");
    EXPECT_EQ(serviceDefaultDnsName("ecr.dkr", "eu-west-1"), "dkr.ecr.eu-west-1.amazonaws.com");
    EXPECT_EQ(serviceDefaultDnsName("sagemaker.runtime", "us-east-1"), "runtime.sagemaker.us-east-1.amazonaws.com");
    EXPECT_EQ(serviceDefaultDnsName("codeartifact.repositories", "us-west-2"), "d.codeartifact.us-west-2.amazonaws.com");
    EXPECT_EQ(serviceDefaultDnsName("codeartifact.api", "us-west-2"), "codeartifact.us-west-2.amazonaws.com");
    // Every two-part code has its labels given.
    for (const AwsServiceInfo& s : awsServices()) {
        if (s.code.find('.') != std::string_view::npos) {
            EXPECT_FALSE(s.dnsPrefix.empty()) << s.code;
        }
    }
}

std::vector<Finding> duplicates(const std::vector<Finding>& findings)
{
    std::vector<Finding> out;
    std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
                 [](const Finding& f) { return f.code == "AWS_SERVICE_DUPLICATE"; });
    return out;
}

TEST(AwsServiceDuplicate, TwoTilesForOneServiceInOneRegionAreNamedWithAFix)
{
    nlohmann::json d = baseDesign();
    d["awsServices"].push_back({{"id", "queue-2"}, {"service", "sqs"}, {"region", "use1"}});
    const auto found = duplicates(lintJson(d));
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].severity, Severity::Warning);
    EXPECT_EQ(found[0].ids, (std::vector<std::string>{"sqs", "queue-2"}));
    EXPECT_NE(found[0].message.find("sqs and queue-2"), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find("us-east-1"), std::string::npos) << found[0].message;
    EXPECT_NE(found[0].message.find("draw one tile per service and point every endpoint and flow at it"), std::string::npos);
}

TEST(AwsServiceDuplicate, OneServiceInTwoRegionsIsFine)
{
    // The base design has sqs in us-east-1 and sqs-eu in eu-west-1, s3 and s3-eu likewise.
    EXPECT_TRUE(duplicates(lintJson(baseDesign())).empty());
}

TEST(AwsServiceDuplicate, IncrementalLinterShowsThenClearsIt)
{
    const LoadResult loaded = loadDesign(baseDesign().dump(), "base");
    ASSERT_TRUE(loaded.ok());
    Design design = *loaded.design;
    IncrementalLinter linter;
    EXPECT_TRUE(duplicates(linter.run(design, nullptr)).empty());

    // Add a second SQS tile in us-east-1: the edit touches it and its Region.
    Resource second;
    second.id = ResourceId("sqs-2");
    second.data = AwsService{"sqs", ResourceId("use1")};
    ASSERT_TRUE(design.add(second));
    const std::set<std::string> touched{"sqs-2", "use1"};
    const auto shown = linter.run(design, &touched);
    EXPECT_EQ(duplicates(shown).size(), 1u);
    EXPECT_EQ(shown, lintDesign(design));

    // Point it at another service: cleared.
    Resource changed = *design.find(ResourceId("sqs-2"));
    changed.data = AwsService{"sns", ResourceId("use1")};
    ASSERT_TRUE(design.replace(changed));
    EXPECT_TRUE(duplicates(linter.run(design, &touched)).empty());

    // Back to SQS, then removed: shown, then cleared.
    changed.data = AwsService{"sqs", ResourceId("use1")};
    ASSERT_TRUE(design.replace(changed));
    EXPECT_EQ(duplicates(linter.run(design, &touched)).size(), 1u);
    ASSERT_TRUE(design.remove(ResourceId("sqs-2")));
    const auto cleared = linter.run(design, &touched);
    EXPECT_TRUE(duplicates(cleared).empty());
    EXPECT_EQ(cleared, lintDesign(design));
}

TEST(AwsServiceDuplicate, NoBundledExampleHasIt)
{
    for (const char* example : {"marketplace-saas", "on-premises-application", "privatelink-aws-services",
                                "s3-gateway-endpoint", "share-service-privatelink", "third-party-service"}) {
        const LoadResult loaded = loadDesign(readFile(sourcePath(std::string("resources/examples/") + example + ".privatepath")), example);
        ASSERT_TRUE(loaded.ok()) << example;
        EXPECT_TRUE(duplicates(lintDesign(*loaded.design)).empty()) << example;
    }
}

} // namespace
} // namespace pp::test
