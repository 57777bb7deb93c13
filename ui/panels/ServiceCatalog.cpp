#include "panels/ServiceCatalog.h"

namespace pp::ui {

const std::vector<AwsServiceEntry>& awsServiceCatalog()
{
    // Product names are AWS's and are not translated.
    static const std::vector<AwsServiceEntry> kCatalog{
        {QStringLiteral("s3"), QStringLiteral("Amazon S3")},
        {QStringLiteral("dynamodb"), QStringLiteral("Amazon DynamoDB")},
        {QStringLiteral("sqs"), QStringLiteral("Amazon SQS")},
        {QStringLiteral("sns"), QStringLiteral("Amazon SNS")},
        {QStringLiteral("execute-api"), QStringLiteral("Amazon API Gateway")},
        {QStringLiteral("lambda"), QStringLiteral("AWS Lambda")},
        {QStringLiteral("kms"), QStringLiteral("AWS KMS")},
        {QStringLiteral("secretsmanager"), QStringLiteral("AWS Secrets Manager")},
        {QStringLiteral("ssm"), QStringLiteral("AWS Systems Manager")},
        {QStringLiteral("ssmmessages"), QStringLiteral("Systems Manager messages")},
        {QStringLiteral("ec2"), QStringLiteral("Amazon EC2 API")},
        {QStringLiteral("ec2messages"), QStringLiteral("EC2 messages")},
        {QStringLiteral("ecr.api"), QStringLiteral("Amazon ECR API")},
        {QStringLiteral("ecr.dkr"), QStringLiteral("Amazon ECR Docker")},
        {QStringLiteral("ecs"), QStringLiteral("Amazon ECS")},
        {QStringLiteral("logs"), QStringLiteral("CloudWatch Logs")},
        {QStringLiteral("monitoring"), QStringLiteral("Amazon CloudWatch")},
        {QStringLiteral("events"), QStringLiteral("Amazon EventBridge")},
        {QStringLiteral("sts"), QStringLiteral("AWS STS")},
        {QStringLiteral("iam"), QStringLiteral("AWS IAM")},
        {QStringLiteral("kinesis-streams"), QStringLiteral("Kinesis Data Streams")},
        {QStringLiteral("kinesis-firehose"), QStringLiteral("Amazon Data Firehose")},
        {QStringLiteral("states"), QStringLiteral("AWS Step Functions")},
        {QStringLiteral("elasticloadbalancing"), QStringLiteral("Elastic Load Balancing API")},
        {QStringLiteral("rds"), QStringLiteral("Amazon RDS API")},
        {QStringLiteral("route53"), QStringLiteral("Amazon Route 53")},
    };
    return kCatalog;
}

QString awsServiceLabel(const QString& service)
{
    for (const AwsServiceEntry& entry : awsServiceCatalog())
        if (entry.service == service)
            return entry.label;
    return QStringLiteral("AWS %1").arg(service);
}

} // namespace pp::ui
