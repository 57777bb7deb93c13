#include "EditorStart.h"

#include "MainWindow.h"

namespace pp::ui {

std::unique_ptr<MainWindow> startEditor(const QStringList& files)
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    if (!files.isEmpty())
        window->openFile(files.first());
    // Offered after the open: the recovered version of that same file then replaces it in this
    // window (openRecovered) rather than opening a second one.
    window->offerRecovery();
    return window;
}

} // namespace pp::ui
