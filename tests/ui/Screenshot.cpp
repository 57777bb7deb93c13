// Renders the real editor window to a PNG (for the README): opens a design, optionally selects a
// flow so its path is highlighted, and grabs the window. Runs offscreen:
//   editor_screenshot design.privatepath out.png [flow-id]
//   editor_screenshot design.privatepath out.png --export-dialog   (File → Export)
#include "MainWindow.h"
#include "export/ExportDialog.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/FlowItem.h"

#include <QApplication>
#include <QDockWidget>
#include <QTest>

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PrivatePathScreenshots"));
    if (argc < 3)
        return 2;
    pp::ui::MainWindow window;
    window.resize(1600, 1000);
    window.show();
    if (!window.openFile(QString::fromLocal8Bit(argv[1])))
        return 3;
    if (argc > 3 && QByteArray(argv[3]) == "--export-dialog") {
        pp::ui::ExportDialog dialog(window.document(), {}, window.scene()->shownFlow(), &window);
        dialog.show();
        QTest::qWait(300);
        dialog.refreshPreviewNow();
        return dialog.grab().save(QString::fromLocal8Bit(argv[2])) ? 0 : 4;
    }
    if (argc > 3)
        if (auto* flow = window.scene()->flowItemFor(argv[3]))
            flow->setSelected(true);
    QTest::qWait(200);
    window.view()->fitAll();
    QTest::qWait(100);
    return window.grab().save(QString::fromLocal8Bit(argv[2])) ? 0 : 4;
}
