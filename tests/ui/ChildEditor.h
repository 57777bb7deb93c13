#pragma once

// A real `privatepath` editor in a child process, for what only another process shows: a crash
// (kill -9) and a second editor holding a file's lock. It runs offscreen with its own
// XDG_DATA_HOME, XDG_CONFIG_HOME and HOME under a temporary folder, so it never touches the
// user's data; recoveryDirectory() is where that child keeps its recovery files and locks.
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

namespace pp::ui {

class ChildEditor {
public:
    ChildEditor()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        env.insert(QStringLiteral("XDG_STATE_HOME"), m_home.filePath(QStringLiteral("state")));
        env.insert(QStringLiteral("PRIVATEPATH_AUTOSAVE_MS"), QStringLiteral("200"));
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    }
    ~ChildEditor()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }

    // QStandardPaths::AppDataLocation of the child (organisation PrivatePath, application
    // privatepath) + "/recovery".
    QString recoveryDirectory() const { return m_home.filePath(QStringLiteral("data/PrivatePath/privatepath/recovery")); }

    bool start(const QStringList& arguments)
    {
        m_process.start(QStringLiteral(PRIVATEPATH_BINARY), arguments);
        return m_process.waitForStarted(10000);
    }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() == QProcess::Running; }
    // kill -9: no destructor, no clean-up runs in the child.
    void crash()
    {
        m_process.kill();
        m_process.waitForFinished(10000);
    }
    // Waits until a file matching `pattern` exists in the recovery folder.
    bool waitFor(const QString& pattern, int ms = 60000)
    {
        return QTest::qWaitFor([&] { return !QDir(recoveryDirectory()).entryList({pattern}, QDir::Files).isEmpty() || !running(); }, ms) &&
               !QDir(recoveryDirectory()).entryList({pattern}, QDir::Files).isEmpty();
    }

private:
    QTemporaryDir m_home;
    QProcess m_process;
};

} // namespace pp::ui
