#include "panels/ServiceCatalog.h"

#include "aws/AwsServices.h"

namespace pp::ui {

QString awsServiceLabel(const QString& service)
{
    // Product names are AWS's and are not translated.
    return QString::fromStdString(pp::awsServiceLabel(service.toStdString()));
}

} // namespace pp::ui
