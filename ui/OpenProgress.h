#pragma once

#include "document/Document.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QString>

class QProgressDialog;
class QWidget;

namespace pp::ui {

// What a user sees while a big design opens: the file is read on a worker thread while the
// window keeps painting (user input waits, so nothing changes under the open); past half a
// second, or at once for a design that will take longer to draw, a progress dialog says which
// stage it is in (reading, analysing, drawing, routing) and how far it has got. The drawing
// stages run on the GUI thread: the dialog is repainted directly between them, never by running
// events in the middle of building the scene.
class OpenProgress {
public:
    OpenProgress(QWidget* window, const QString& path);
    ~OpenProgress();
    OpenProgress(const OpenProgress&) = delete;
    OpenProgress& operator=(const OpenProgress&) = delete;

    // Document::read on a worker thread.
    Document::Read read();
    // A new stage: shown at once when the dialog is up (or due).
    void report(int percent, const QString& stage);
    // Whether the dialog was shown (tests).
    bool wasShown() const { return m_shown; }

    // Designs with at least this many resources take over half a second to draw: their dialog
    // appears as soon as reading is done.
    static constexpr std::size_t kDrawingTakesLong = 8000;
    static constexpr int kDelayMs = 500;
    // Files from this size (about 3,000 resources) are read on a worker thread.
    static constexpr qint64 kWorkerBytes = 1 << 20;

private:
    void show();

    QWidget* m_window;
    QString m_path;
    QElapsedTimer m_clock;
    QPointer<QProgressDialog> m_dialog;
    bool m_shown = false;
};

} // namespace pp::ui
