#pragma once

#include <QDialog>
#include <vector>

class QLabel;
class QLineEdit;
class QTextBrowser;
class QTreeWidget;
class QTreeWidgetItem;
class QUrl;

namespace pp::ui {

// The user guide bundled with the program (docs/user-guide.md, compiled in as
// ":/help/user-guide.md"), rendered from Markdown, with a table of contents built from its
// headings and a find field. Links to "#anchor" move to the heading whose GitHub-style anchor it
// is (as on GitHub, so the same file reads well there); web links open in the system browser.
class UserGuideDialog : public QDialog {
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget* parent = nullptr);

    // Moves to the heading with this anchor ("drawing-a-design"); false when there is none.
    bool showSection(const QString& anchor);
    // The GitHub anchor of a heading: lower case, punctuation dropped, spaces become hyphens.
    static QString anchorOf(const QString& heading);

    QTextBrowser* browser() const { return m_text; }
    QTreeWidget* contents() const { return m_contents; }

private:
    struct Heading {
        int block; // block number in the document
        QString anchor;
        QTreeWidgetItem* item; // its entry in the table of contents
    };

    void load();
    void polishDocument();
    void buildContents();
    void scrollToBlock(int blockNumber);
    void followScroll();
    void openLink(const QUrl& url);
    void findNext(bool backward);

    QTextBrowser* m_text;
    QTreeWidget* m_contents;
    QLineEdit* m_find;
    QLabel* m_findStatus;
    std::vector<Heading> m_headings;
    bool m_following = false; // the contents follow the scroll: do not scroll back
};

} // namespace pp::ui
