#pragma once

#include <span>
#include <string>
#include <string_view>

namespace pp {

// The one catalogue of AWS services PrivatePath knows by name: what the engine needs (gateway
// endpoint support GW-1, cross-Region PrivateLink IF-8) and what people need (the product name a
// tile is labelled with, the category its icon shows). The editor's service list, tile labels
// and icons, the CLI and exports all read it; AwsData's facts are answered from it.
//
// A design may name a service that is not listed (AWS adds services all the time): it still
// works everywhere, labelled "AWS <code>", with the generic service icon, and the engine treats
// it as an interface-endpoint service that is not cross-Region enabled.

// What kind of service it is, as AWS groups its products. Picks the tile's icon.
enum class ServiceCategory {
    Storage,              // S3, EFS, FSx, Backup, Transfer
    Database,             // DynamoDB, RDS, ElastiCache, Redshift
    Messaging,            // application integration: SQS, SNS, EventBridge, Step Functions, SES
    Compute,              // Lambda, EC2 API, Auto Scaling, Batch
    Containers,           // ECR, ECS, EKS
    Security,             // security & identity: KMS, Secrets Manager, STS, IAM, Cognito
    Management,           // management & monitoring: CloudWatch, Systems Manager, Config
    Analytics,            // Athena, Glue, Kinesis, EMR
    MachineLearning,      // SageMaker, Bedrock, Textract, Comprehend
    DeveloperTools,       // CodeBuild, CodeCommit, CodeArtifact, X-Ray
    Networking,           // Elastic Load Balancing API, Route 53
    ApplicationServices,  // API Gateway, AppSync
};
inline constexpr int kServiceCategoryCount = int(ServiceCategory::ApplicationServices) + 1;

// A stable lower-case key ("storage", "machine-learning"): icon file names use it.
std::string_view serviceCategoryKey(ServiceCategory category);

struct AwsServiceInfo {
    std::string_view code;     // as in `com.amazonaws.<region>.<code>`: "sqs", "ecr.dkr"
    std::string_view name;     // AWS's product name, not translated: "Amazon SQS"
    ServiceCategory category;
    bool gatewayEndpoint;      // has a gateway endpoint (GW-1: S3 and DynamoDB only)
    bool crossRegion;          // interface endpoints may reach it in another Region (IF-8)
    // The private DNS name's first labels, before `.<region>.amazonaws.com`, where they are not
    // the code: "api.ecr" for ecr.api. Empty: the code.
    std::string_view dnsPrefix = {};
};

// Every listed service, grouped by category, in the order the editor offers them.
std::span<const AwsServiceInfo> awsServices();
// The listed service with this endpoint code, or nullptr.
const AwsServiceInfo* findAwsService(std::string_view code);
// The label of a tile for this service: its product name, else "AWS <code>".
std::string awsServiceLabel(std::string_view code);

} // namespace pp
