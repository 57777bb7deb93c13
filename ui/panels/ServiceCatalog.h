#pragma once

#include <QString>
#include <vector>

namespace pp::ui {

// The AWS services the inspector offers for an AWS service resource: the short name of
// `com.amazonaws.<region>.<service>` and the label a tile gets ("Amazon SQS"). The engine's
// facts about each (gateway endpoints, cross-Region support) come from core/analysis/AwsData;
// this list only names them for people.
struct AwsServiceEntry {
    QString service; // "sqs"
    QString label;   // "Amazon SQS"
};
const std::vector<AwsServiceEntry>& awsServiceCatalog();

// The default label of a service: the catalog's, else "AWS <service>".
QString awsServiceLabel(const QString& service);

} // namespace pp::ui
