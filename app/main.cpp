#include "cli/Cli.h"

#include "EditorStart.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHashSeed>

namespace {

// `privatepath` alone or with a design file opens the editor; anything else (a command, an
// option, an unknown word) is the command line, which needs no display.
bool wantsCommandLine(int argc, char* argv[])
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    for (const char* command : {"check", "generate", "format", "schema", "export"})
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

QtMessageHandler previousHandler = nullptr;

void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set")))
        return;
    if (previousHandler)
        previousHandler(type, context, message);
}

int runCommandLine()
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const int code = pp::cli::runCommandLine(QCoreApplication::arguments(), {out, err});
    out.flush();
    err.flush();
    return code;
}

} // namespace

int main(int argc, char* argv[])
{
    if (argc > 1 && qstrcmp(argv[1], "export") == 0) {
        // Exports render the canvas: that needs a GUI application, but never a display. The
        // offscreen platform is always used, so output is the same with or without one.
        qputenv("QT_QPA_PLATFORM", "offscreen");
        // Headless, Qt notes the missing XDG_RUNTIME_DIR on every run; that is no news to a
        // script, and exports must keep stderr for their own errors.
        previousHandler = qInstallMessageHandler(quietHandler);
        // Qt's hashes are seeded randomly per process; the PDF writer iterates some (fonts,
        // glyph subsets). A fixed seed makes the bytes the same on every run.
        QHashSeed::setDeterministicGlobalSeed();
        QApplication app(argc, argv);
        describeApplication();
        return runCommandLine();
    }
    if (wantsCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return runCommandLine();
    }
    QApplication app(argc, argv);
    describeApplication();
    QApplication::setApplicationDisplayName(QStringLiteral("PrivatePath"));
    const std::unique_ptr<pp::ui::MainWindow> window = pp::ui::startEditor(QCoreApplication::arguments().mid(1));
    return app.exec();
}
