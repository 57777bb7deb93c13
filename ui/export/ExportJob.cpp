#include "export/ExportJob.h"

#include "document/Document.h"

#include <QThread>
#include <algorithm>
#include <cmath>

namespace pp::ui {

namespace {

// How the stages share the progress bar: drawing and compressing take most of the time.
constexpr double kPrepared = 0.10; // the copy analysed and laid out
constexpr double kRendered = 0.95; // the picture drawn and encoded; the rest is writing

} // namespace

// Passes the worker's progress to the GUI thread (as a queued signal, only when a permille
// changes) and tells the worker when the job is cancelled.
class ExportJob::Monitor : public ExportMonitor {
public:
    Monitor(ExportJob& job, double from, double to) : m_job(job), m_from(from), m_to(to) {}
    bool cancelled() const override { return m_job.m_cancel.load(); }
    void progress(ExportStage stage, double done) override
    {
        const int permille = int(std::lround(1000 * (m_from + (m_to - m_from) * std::clamp(done, 0.0, 1.0))));
        if (m_job.m_permille.exchange(permille) != permille)
            emit m_job.progressed(permille, stage);
    }

private:
    ExportJob& m_job;
    double m_from;
    double m_to;
};

ExportJob::ExportJob(const Document& document, const ExportOptions& options, QSet<QString> selection,
                     FlowId shownFlow, QString path, QObject* parent)
    : QObject(parent), m_design(document.design()), m_filePath(document.filePath()), m_options(options),
      m_selection(std::move(selection)), m_shownFlow(std::move(shownFlow)), m_path(std::move(path))
{
}

ExportJob::~ExportJob()
{
    if (m_thread) {
        cancel();
        m_thread->wait();
    }
}

void ExportJob::start()
{
    if (m_thread)
        return;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("export"));
    // Emitted on the worker thread when run() returns; the job lives on the GUI thread, so
    // finished() reaches its listeners there.
    connect(m_thread.get(), &QThread::finished, this, &ExportJob::finished, Qt::QueuedConnection);
    m_thread->start(QThread::LowPriority);
}

void ExportJob::cancel()
{
    m_cancel.store(true);
}

void ExportJob::run()
{
    Monitor preparing(*this, 0, kPrepared);
    preparing.progress(ExportStage::Preparing, 0);
    // The worker's own document: the copy is analysed here, as the editor analysed the original.
    Document document;
    document.reset(std::move(m_design), m_filePath);
    if (preparing.cancelled())
        return;
    preparing.progress(ExportStage::Preparing, 0.5);
    ExportResult result;
    {
        PreparedExport prepared(document, m_options, m_selection, m_shownFlow);
        if (preparing.cancelled())
            return;
        Monitor rendering(*this, kPrepared, kRendered);
        result = prepared.render(&rendering);
    }
    if (result.cancelled || m_cancel.load())
        return;
    if (!result.error.isEmpty()) {
        m_error = result.error;
        return;
    }
    if (m_path.isEmpty()) {
        m_bytes = std::move(result.bytes);
        m_succeeded = true;
        return;
    }
    Monitor writing(*this, kRendered, 1);
    QString error;
    if (!writeExportFile(m_path, result.bytes, true, &error, &writing)) {
        m_error = error; // empty when cancelled
        return;
    }
    m_succeeded = true; // committed: a Cancel that came too late changes nothing
}

} // namespace pp::ui
