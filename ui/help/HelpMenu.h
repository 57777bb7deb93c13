#pragma once

#include <QString>

class QMainWindow;

namespace pp::ui {

// Adds the Help menu at the end of the window's menu bar (and keeps it last when menus are added
// later): User Guide (F1), Keyboard Shortcuts, About PrivatePath and About Qt. Each dialog is
// created the first time it is asked for, is not modal, and is reused afterwards (one per window,
// found by its object name: "userGuide", "keyboardShortcuts", "about"). The shortcuts dialog reads
// the window's menus each time it is shown, so actions added after this call are listed. Calling
// it again on the same window does nothing.
void installHelpMenu(QMainWindow* window);

// The version the program shows: the application's (main sets it), else the CMake project version.
QString programVersion();

} // namespace pp::ui
