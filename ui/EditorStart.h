#pragma once

// What `privatepath [FILE]` does once the application exists (app/main.cpp), kept here so that
// tests run the same start-up: one window, shown; the file, if given, opened (its lock taken, the
// shapes drawn where the model says); then, when a crashed session left unsaved designs behind,
// "Recover unsaved changes" over the window (non-blocking).

#include <QStringList>

#include <memory>

namespace pp::ui {

class MainWindow;

std::unique_ptr<MainWindow> startEditor(const QStringList& files);

} // namespace pp::ui
