#pragma once

#include <QString>

namespace pp::ui {

// The AWS service catalogue (core/aws/AwsServices.h) in Qt terms, for the inspector's list
// and the tile labels: there is no second list in the UI.

// The default label of a service: its product name ("Amazon SQS"), else "AWS <service>".
QString awsServiceLabel(const QString& service);

} // namespace pp::ui
