#include "aws/AwsServices.h"

#include <algorithm>
#include <array>

namespace pp {
namespace {

using enum ServiceCategory;
constexpr bool GW = true;  // has a gateway endpoint
constexpr bool XR = true;  // cross-Region enabled

// Endpoint codes as AWS lists them in "AWS services that integrate with AWS PrivateLink" and
// "Cross-Region enabled AWS services" (checked November 2025). Product names are AWS's; those the
// editor offered before this list existed are kept as they were, so tiles named after them
// still follow a change of service.
constexpr AwsServiceInfo kServices[] = {
    // Storage
    {"s3", "Amazon S3", Storage, GW, XR},
    {"elasticfilesystem", "Amazon EFS", Storage, false, false},
    {"fsx", "Amazon FSx", Storage, false, false},
    {"backup", "AWS Backup", Storage, false, false},
    {"ebs", "Amazon EBS direct APIs", Storage, false, false},
    {"storagegateway", "AWS Storage Gateway", Storage, false, false},
    {"transfer", "AWS Transfer Family API", Storage, false, false},
    {"transfer.server", "AWS Transfer Family server", Storage, false, false, "server.transfer"},
    {"datasync", "AWS DataSync", Storage, false, false},
    // Database
    {"dynamodb", "Amazon DynamoDB", Database, GW, false},
    {"rds", "Amazon RDS API", Database, false, false},
    {"rds-data", "Amazon RDS Data API", Database, false, false},
    {"elasticache", "Amazon ElastiCache", Database, false, false},
    {"memory-db", "Amazon MemoryDB", Database, false, false},
    {"redshift", "Amazon Redshift", Database, false, false},
    {"redshift-data", "Amazon Redshift Data API", Database, false, false},
    {"cassandra", "Amazon Keyspaces", Database, false, false},
    {"dms", "AWS Database Migration Service", Database, false, false},
    // Messaging & integration
    {"sqs", "Amazon SQS", Messaging, false, false},
    {"sns", "Amazon SNS", Messaging, false, false},
    {"events", "Amazon EventBridge", Messaging, false, false},
    {"states", "AWS Step Functions", Messaging, false, false},
    {"email-smtp", "Amazon SES (SMTP)", Messaging, false, false},
    // Compute
    {"lambda", "AWS Lambda", Compute, false, XR},
    {"ec2", "Amazon EC2 API", Compute, false, false},
    {"autoscaling", "Amazon EC2 Auto Scaling", Compute, false, false},
    {"batch", "AWS Batch", Compute, false, false},
    {"elasticbeanstalk", "AWS Elastic Beanstalk", Compute, false, false},
    // Containers
    {"ecr.api", "Amazon ECR API", Containers, false, XR, "api.ecr"},
    {"ecr.dkr", "Amazon ECR Docker", Containers, false, XR, "dkr.ecr"},
    {"ecs", "Amazon ECS", Containers, false, XR},
    {"ecs-agent", "Amazon ECS agent", Containers, false, false},
    {"ecs-telemetry", "Amazon ECS telemetry", Containers, false, false},
    {"eks", "Amazon EKS", Containers, false, false},
    // Security & identity
    {"kms", "AWS KMS", Security, false, XR},
    {"secretsmanager", "AWS Secrets Manager", Security, false, false},
    {"sts", "AWS STS", Security, false, false},
    {"iam", "AWS IAM", Security, false, XR},
    {"cognito-idp", "Amazon Cognito user pools", Security, false, false},
    {"acm-pca", "AWS Private CA", Security, false, false},
    {"access-analyzer", "IAM Access Analyzer", Security, false, false},
    {"securityhub", "AWS Security Hub", Security, false, false},
    // Management & monitoring
    {"logs", "CloudWatch Logs", Management, false, false},
    {"monitoring", "Amazon CloudWatch", Management, false, false},
    {"ssm", "AWS Systems Manager", Management, false, false},
    {"ssmmessages", "Systems Manager messages", Management, false, false},
    {"ec2messages", "EC2 messages", Management, false, false},
    {"cloudformation", "AWS CloudFormation", Management, false, false},
    {"config", "AWS Config", Management, false, false},
    {"cloudtrail", "AWS CloudTrail", Management, false, false},
    {"servicecatalog", "AWS Service Catalog", Management, false, false},
    // Analytics
    {"kinesis-streams", "Kinesis Data Streams", Analytics, false, false},
    {"kinesis-firehose", "Amazon Data Firehose", Analytics, false, XR},
    {"kinesisanalytics", "Managed Service for Apache Flink", Analytics, false, XR},
    {"athena", "Amazon Athena", Analytics, false, false},
    {"glue", "AWS Glue", Analytics, false, false},
    {"elasticmapreduce", "Amazon EMR", Analytics, false, false},
    {"lakeformation", "AWS Lake Formation", Analytics, false, false},
    // Machine learning
    {"sagemaker.api", "SageMaker API", MachineLearning, false, false, "api.sagemaker"},
    {"sagemaker.runtime", "SageMaker Runtime", MachineLearning, false, false, "runtime.sagemaker"},
    {"bedrock", "Amazon Bedrock", MachineLearning, false, false},
    {"bedrock-runtime", "Amazon Bedrock Runtime", MachineLearning, false, false},
    {"textract", "Amazon Textract", MachineLearning, false, false},
    {"comprehend", "Amazon Comprehend", MachineLearning, false, false},
    {"rekognition", "Amazon Rekognition", MachineLearning, false, false},
    {"translate", "Amazon Translate", MachineLearning, false, false},
    // Developer tools
    {"codebuild", "AWS CodeBuild", DeveloperTools, false, false},
    {"codecommit", "AWS CodeCommit API", DeveloperTools, false, false},
    {"git-codecommit", "AWS CodeCommit Git", DeveloperTools, false, false},
    {"codeartifact.api", "AWS CodeArtifact API", DeveloperTools, false, false, "codeartifact"},
    {"codeartifact.repositories", "AWS CodeArtifact repositories", DeveloperTools, false, false, "d.codeartifact"},
    {"codepipeline", "AWS CodePipeline", DeveloperTools, false, false},
    {"codedeploy", "AWS CodeDeploy", DeveloperTools, false, false},
    {"xray", "AWS X-Ray", DeveloperTools, false, false},
    // Networking
    {"elasticloadbalancing", "Elastic Load Balancing API", Networking, false, false},
    {"route53", "Amazon Route 53", Networking, false, XR},
    // Application services
    {"execute-api", "Amazon API Gateway", ApplicationServices, false, false},
    {"apigateway", "API Gateway management", ApplicationServices, false, false},
    {"appsync-api", "AWS AppSync", ApplicationServices, false, false},
};

constexpr std::array<std::string_view, kServiceCategoryCount> kCategoryKeys{
    "storage",   "database",  "messaging", "compute",          "containers", "security",
    "management", "analytics", "machine-learning", "developer-tools", "networking", "application",
};

} // namespace

std::string_view serviceCategoryKey(ServiceCategory category) { return kCategoryKeys[std::size_t(category)]; }

std::span<const AwsServiceInfo> awsServices() { return kServices; }

const AwsServiceInfo* findAwsService(std::string_view code)
{
    const auto it = std::find_if(std::begin(kServices), std::end(kServices), [&](const AwsServiceInfo& s) { return s.code == code; });
    return it == std::end(kServices) ? nullptr : &*it;
}

std::string awsServiceLabel(std::string_view code)
{
    if (const AwsServiceInfo* s = findAwsService(code))
        return std::string(s->name);
    return "AWS " + std::string(code);
}

} // namespace pp
