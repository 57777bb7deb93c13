#pragma once

// The editor window fixture shared by the GUI test files: a real MainWindow, shown offscreen, with
// helpers that drive it as a user would (palette drops, mouse drags on the canvas).
#include "MainWindow.h"
#include "canvas/DiagramScene.h"
#include "canvas/DiagramView.h"
#include "canvas/FlowItem.h"
#include "canvas/ResourceItem.h"
#include "canvas/Style.h"
#include "document/Document.h"
#include "io/DesignFile.h"
#include "panels/InspectorPanel.h"
#include "panels/PalettePanel.h"
#include "panels/PathPanel.h"
#include <QDir>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>
#include <gtest/gtest.h>

namespace pp::ui {


inline QString source(const QString& relative) { return QStringLiteral(PRIVATEPATH_SOURCE_DIR "/") + relative; }

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

class Editor : public ::testing::Test {
protected:
    void SetUp() override
    {
        window = std::make_unique<MainWindow>();
        window->resize(1400, 900);
        window->show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
    }

    Document& doc() { return window->document(); }
    DiagramScene* scene() { return window->scene(); }
    DiagramView* view() { return window->view(); }

    // Drops a palette entry onto the canvas at a scene position, as a drag from the palette would.
    bool dropFromPalette(Kind kind, QPointF scenePos)
    {
        auto* palette = window->findChild<PalettePanel*>(QStringLiteral("palette"));
        QListWidgetItem* entry = nullptr;
        for (int i = 0; i < palette->count(); ++i)
            if (palette->item(i)->data(Qt::UserRole).toInt() == int(kind))
                entry = palette->item(i);
        if (!entry)
            return false;
        // The palette's own MIME data, delivered to the canvas viewport as a drop.
        QMimeData mime;
        mime.setData(kKindMimeType, QByteArray::number(int(kind)));
        const std::size_t before = doc().design().resources().size();
        const QPoint at = view()->mapFromScene(scenePos);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view()->viewport(), &enter);
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view()->viewport(), &drop);
        return doc().design().resources().size() > before;
    }

    // The id of the newest resource of a kind.
    std::string newest(Kind kind)
    {
        std::string id;
        for (const Resource& r : doc().design().resources())
            if (r.kind() == kind)
                id = r.id.str();
        return id;
    }

    QPointF centreOf(const std::string& id) { return scene()->itemFor(id)->sceneBoundingRect().center(); }
    QPointF insideOf(const std::string& id, double dx, double dy)
    {
        return scene()->itemFor(id)->sceneBoundingRect().topLeft() + QPointF(dx, dy);
    }

    void select(const std::string& id)
    {
        scene()->clearSelection();
        if (ResourceItem* item = scene()->itemFor(id))
            item->setSelected(true);
        else if (FlowItem* flow = scene()->flowItemFor(id))
            flow->setSelected(true);
    }

    QColor flowColour(const std::string& id) { return scene()->flowItemFor(id)->pen().color(); }

    // A left-button drag on the canvas between two scene points, in five mouse moves.
    void dragOnCanvas(QPointF from, QPointF to)
    {
        const QPoint a = view()->mapFromScene(from), b = view()->mapFromScene(to);
        QTest::mousePress(view()->viewport(), Qt::LeftButton, Qt::NoModifier, a);
        for (int i = 1; i <= 5; ++i) {
            const QPoint p = a + (b - a) * i / 5;
            QMouseEvent move(QEvent::MouseMove, QPointF(p), view()->viewport()->mapToGlobal(QPointF(p)), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view()->viewport(), &move);
        }
        QTest::mouseRelease(view()->viewport(), Qt::LeftButton, Qt::NoModifier, b);
    }

    std::unique_ptr<MainWindow> window;
};

} // namespace pp::ui
