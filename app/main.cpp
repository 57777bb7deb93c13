#include "cli/Cli.h"

#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>

namespace {

// `privatepath` alone or with a design file opens the editor; anything else (a command, an
// option, an unknown word) is the command line, which needs no display.
bool wantsCommandLine(int argc, char* argv[])
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    for (const char* command : {"check", "generate", "format", "schema"})
        if (first == QLatin1String(command))
            return true;
    if (first.startsWith(QLatin1Char('-')))
        return true;
    return !first.endsWith(QLatin1String(".privatepath")) && !QFileInfo::exists(first);
}

void describeApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("privatepath"));
    QCoreApplication::setOrganizationName(QStringLiteral("PrivatePath"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PRIVATEPATH_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    if (wantsCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        QTextStream out(stdout);
        QTextStream err(stderr);
        const int code = pp::cli::runCommandLine(QCoreApplication::arguments(), {out, err});
        out.flush();
        err.flush();
        return code;
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("PrivatePath"));
    pp::ui::MainWindow window;
    window.show();
    const QStringList files = QCoreApplication::arguments().mid(1);
    if (!files.isEmpty())
        window.openFile(files.first());
    return app.exec();
}
