#include <QApplication>
#include <QTemporaryDir>
#include <gtest/gtest.h>

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Every test process gets its own settings, data and cache folders: ctest runs tests in
    // parallel, and neither they nor someone using the program on this machine may change what
    // another test reads (QSettings, recent files, remembered export settings).
    QTemporaryDir home(QDir::tempPath() + QStringLiteral("/privatepath-ui-test-XXXXXX"));
    if (!home.isValid())
        return 2;
    for (const char* variable : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"})
        qputenv(variable, QFile::encodeName(home.filePath(QString::fromLatin1(variable))));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PrivatePathTests"));
    QApplication::setApplicationName(QStringLiteral("privatepath-ui-tests"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
