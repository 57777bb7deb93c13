#pragma once

// moc does not need the core (and cannot parse its C++20 concepts).
#ifndef Q_MOC_RUN
#include "model/Kind.h"
#endif

#include <QListWidget>

namespace pp::ui {

inline constexpr char kKindMimeType[] = "application/x-privatepath-kind";

// Every resource kind that can be dropped on the canvas, with its icon; drag one onto the canvas.
class PalettePanel : public QListWidget {
    Q_OBJECT
public:
    explicit PalettePanel(QWidget* parent = nullptr);

    // The tooltip of a kind's entry: its name, what it is in AWS terms, and where to drop it.
    static QString kindToolTip(Kind kind);

protected:
    QMimeData* mimeData(const QList<QListWidgetItem*>& items) const override;
};

} // namespace pp::ui
