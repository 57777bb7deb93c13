#include "help/AboutDialog.h"

#include "help/HelpMenu.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFontDatabase>
#include <QGridLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>
#include <boost/version.hpp>
#include <nlohmann/json_fwd.hpp>

namespace pp::ui {
namespace {

QString resourceText(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

QString boostVersion()
{
    return QStringLiteral(BOOST_LIB_VERSION).replace(QLatin1Char('_'), QLatin1Char('.'));
}

QString jsonVersion()
{
    return QStringLiteral("%1.%2.%3")
        .arg(NLOHMANN_JSON_VERSION_MAJOR)
        .arg(NLOHMANN_JSON_VERSION_MINOR)
        .arg(NLOHMANN_JSON_VERSION_PATCH);
}

} // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent), m_licences(new QTabWidget(this))
{
    setObjectName(QStringLiteral("about"));
    setWindowTitle(tr("About PrivatePath"));
    setModal(false);
    setSizeGripEnabled(true);
    resize(700, 640);

    auto* icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/app.svg")).pixmap(72, 72));
    icon->setAlignment(Qt::AlignTop);
    auto* title = new QLabel(QStringLiteral("PrivatePath"), this); // the product's name is not translated
    title->setObjectName(QStringLiteral("aboutTitle"));
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    auto* version = new QLabel(
        tr("Version %1<br>Qt %2 (built with Qt %3)")
            .arg(programVersion(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
        this);
    version->setObjectName(QStringLiteral("aboutVersion"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* description = new QLabel(
        tr("PrivatePath is a desktop editor for AWS network designs. Draw VPCs, subnets, gateways, "
           "endpoints, transit gateways and on-premises networks, and it checks while you draw whether "
           "every flow stays on the private network: each flow gets a verdict (private, public or "
           "unreachable), its hop-by-hop path, the reasons and the changes that would keep it private. "
           "Designs are saved in a documented JSON format and exported as PNG, SVG and PDF, from the "
           "window or from a command line that needs no display."),
        this);
    description->setObjectName(QStringLiteral("aboutDescription"));
    description->setWordWrap(true);

    auto* header = new QGridLayout;
    header->addWidget(icon, 0, 0, 2, 1);
    header->addWidget(title, 0, 1);
    header->addWidget(version, 1, 1);
    header->setColumnStretch(1, 1);
    header->setHorizontalSpacing(16);

    auto* licencesLabel =
        new QLabel(tr("<b>Licences</b> of the software PrivatePath bundles or links:"), this);
    m_licences->setObjectName(QStringLiteral("licences"));
    addLicence(tr("Lato font"),
               tr("The canvas and every export draw text with the Lato 2.0 font by Łukasz Dziedzic, bundled "
                  "with PrivatePath under the <b>SIL Open Font License 1.1</b> (<a "
                  "href='https://openfontlicense.org'>openfontlicense.org</a>)."),
               QStringLiteral(":/help/licenses/OFL.txt"));
    addLicence(tr("Qt"),
               tr("PrivatePath links the Qt %1 libraries (Core, Gui, Widgets, Svg, Concurrent) dynamically, "
                  "under the <b>GNU Lesser General Public License v3</b>. You may replace them with your own "
                  "build of a compatible Qt; Qt's source code is at <a "
                  "href='https://download.qt.io'>download.qt.io</a>. Help → About Qt says more.")
                   .arg(QString::fromLatin1(qVersion())),
               QStringLiteral(":/help/licenses/LGPL-3.0.txt"));
    addLicence(tr("Boost"),
               tr("The connectivity engine uses the header-only Boost Graph Library of Boost %1, under the "
                  "<b>Boost Software License 1.0</b>.")
                   .arg(boostVersion()),
               QStringLiteral(":/help/licenses/BSL-1.0.txt"));
    addLicence(tr("nlohmann/json"),
               tr("Design files are read and written with JSON for Modern C++ %1 by Niels Lohmann, under the "
                  "<b>MIT License</b>.")
                   .arg(jsonVersion()),
               QStringLiteral(":/help/licenses/MIT-nlohmann-json.txt"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* aboutQt = buttons->addButton(tr("About &Qt"), QDialogButtonBox::HelpRole);
    aboutQt->setObjectName(QStringLiteral("aboutQt"));
    aboutQt->setAutoDefault(false);
    connect(aboutQt, &QPushButton::clicked, qApp, &QApplication::aboutQt);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    buttons->button(QDialogButtonBox::Close)->setDefault(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addSpacing(6);
    layout->addWidget(description);
    layout->addSpacing(6);
    layout->addWidget(licencesLabel);
    layout->addWidget(m_licences, 1);
    layout->addWidget(buttons);
}

void AboutDialog::addLicence(const QString& tab, const QString& summary, const QString& textResource)
{
    auto* page = new QWidget(m_licences);
    auto* layout = new QVBoxLayout(page);
    auto* intro = new QLabel(summary, page);
    intro->setWordWrap(true);
    intro->setOpenExternalLinks(true);
    intro->setTextInteractionFlags(Qt::TextBrowserInteraction);
    auto* text = new QPlainTextEdit(page);
    text->setObjectName(QStringLiteral("licenceText"));
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlainText(resourceText(textResource));
    layout->addWidget(intro);
    layout->addWidget(text, 1);
    m_licences->addTab(page, tab);
}

} // namespace pp::ui
