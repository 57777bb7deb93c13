#include "cli/Cli.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("privatepath"));
    QCoreApplication::setOrganizationName(QStringLiteral("PrivatePath"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PRIVATEPATH_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = pp::cli::runCommandLine(QCoreApplication::arguments(), {out, err});
    out.flush();
    err.flush();
    return code;
}
