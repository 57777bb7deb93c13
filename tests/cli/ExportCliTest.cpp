// `privatepath export`, run as a user or a CI job would: the real binary, no display, every
// bundled example in every format, checked with other tools (xmllint, pdftoppm, rsvg-convert).
#include "Shell.h"
#include "io/DesignFile.h"

#include <array>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;

using Shell = pp::test::ShellResult;

std::string quote(const std::string& s) { return pp::test::shellQuote(s); }

Shell shell(const std::string& command) { return pp::test::runShell(command + " 2>&1"); }

// No display: DISPLAY and WAYLAND_DISPLAY unset, no QT_QPA_PLATFORM either.
Shell exportCommand(const std::string& arguments)
{
    return shell("env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " + quote(PRIVATEPATH_BINARY) + " export " + arguments);
}

std::string read(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<fs::path> examples()
{
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(fs::path(PRIVATEPATH_SOURCE_DIR) / "resources" / "examples"))
        if (entry.path().extension() == ".privatepath")
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

// Width and height from a PNG's IHDR chunk.
std::pair<int, int> pngSize(const std::string& png)
{
    if (png.size() < 24 || png.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
        return {-1, -1};
    auto be32 = [&](std::size_t at) {
        return int((unsigned char)png[at] << 24 | (unsigned char)png[at + 1] << 16 | (unsigned char)png[at + 2] << 8 | (unsigned char)png[at + 3]);
    };
    return {be32(16), be32(20)};
}

class Export : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = fs::temp_directory_path() / ("privatepath-export-" + std::to_string(::getpid()) + "-" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }
    std::string write(const std::string& name, const std::string& text) const
    {
        std::ofstream(path(name), std::ios::binary) << text;
        return path(name);
    }
    std::vector<std::string> filesInDir() const
    {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(m_dir))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
    fs::path m_dir;
};

TEST_F(Export, EveryExampleToEveryFormatWithoutADisplay)
{
    ASSERT_FALSE(examples().empty());
    for (const fs::path& example : examples()) {
        SCOPED_TRACE(example.filename().string());
        const std::string base = example.stem().string();
        for (const char* format : {"png", "svg", "pdf", "json"}) {
            SCOPED_TRACE(format);
            const std::string out = path(base + "." + format);
            const Shell r = exportCommand(quote(example.string()) + " -o " + quote(out) + " --legend");
            ASSERT_EQ(r.code, 0) << r.out;
            EXPECT_EQ(r.out, "") << "a successful export prints nothing";
            ASSERT_TRUE(fs::exists(out));
            EXPECT_GT(fs::file_size(out), 500u);
        }
        // PNG: a real PNG with the drawing's size.
        const auto [w, h] = pngSize(read(path(base + ".png")));
        EXPECT_GT(w, 200);
        EXPECT_GT(h, 200);
        // SVG: well-formed (xmllint), and another renderer draws it at the same size.
        const Shell lint = shell("xmllint --noout " + quote(path(base + ".svg")));
        EXPECT_EQ(lint.code, 0) << lint.out;
        const Shell rsvg = shell("rsvg-convert " + quote(path(base + ".svg")) + " -o " + quote(path(base + "-rsvg.png")));
        EXPECT_EQ(rsvg.code, 0) << rsvg.out;
        EXPECT_EQ(pngSize(read(path(base + "-rsvg.png"))), std::make_pair(w, h));
        // PDF: poppler reads it, one page, the bundled font embedded (no substitution anywhere).
        const Shell fonts = shell("pdffonts " + quote(path(base + ".pdf")));
        EXPECT_EQ(fonts.code, 0) << fonts.out;
        EXPECT_NE(fonts.out.find("Lato-Regular"), std::string::npos) << fonts.out;
        // Columns: name type encoding emb sub uni object ID; "emb" is the fifth from the end.
        std::istringstream lines(fonts.out);
        int fontLines = 0;
        for (std::string line; std::getline(lines, line);) {
            std::istringstream words(line);
            std::vector<std::string> cols{std::istream_iterator<std::string>(words), {}};
            if (cols.size() < 8 || cols[0] == "name")
                continue;
            ++fontLines;
            EXPECT_EQ(cols[cols.size() - 5], "yes") << "not embedded: " << line;
        }
        EXPECT_GE(fontLines, 1);
        const Shell page = shell("pdftoppm -r 48 -png " + quote(path(base + ".pdf")) + " " + quote(path(base + "-page")));
        EXPECT_EQ(page.code, 0) << page.out;
        EXPECT_TRUE(fs::exists(path(base + "-page-1.png")));
        EXPECT_FALSE(fs::exists(path(base + "-page-2.png")));
        // JSON: the design file itself, and the analysis report.
        EXPECT_EQ(read(path(base + ".json")), read(example));
        const Shell report = exportCommand(quote(example.string()) + " -o " + quote(path(base + ".report.json")) + " --format report");
        EXPECT_EQ(report.code, 0) << report.out;
        EXPECT_TRUE(nlohmann::json::accept(read(path(base + ".report.json"))));
    }
}

TEST_F(Export, ReportEqualsCheckJson)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    const Shell r = exportCommand(quote(example) + " -o " + quote(path("report.json")) + " --format report");
    ASSERT_EQ(r.code, 0) << r.out;
    const Shell check = shell(quote(PRIVATEPATH_BINARY) + " check --format json " + quote(example) + " 2>/dev/null");
    EXPECT_EQ(read(path("report.json")), check.out);
    EXPECT_TRUE(nlohmann::json::accept(read(path("report.json"))));
}

TEST_F(Export, SameDesignSameBytes)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/on-premises-application.privatepath").string();
    for (const char* format : {"png", "svg", "pdf"}) {
        SCOPED_TRACE(format);
        const std::string a = path(std::string("a.") + format), b = path(std::string("b.") + format);
        ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(a) + " --legend").code, 0);
        ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(b) + " --legend").code, 0);
        EXPECT_EQ(read(a), read(b)) << "two exports of the same design differ";
    }
}

TEST_F(Export, SvgMatchesTheGoldenFile)
{
    // The SVG writer's output for one example, byte for byte. After an intended change of the
    // drawing, regenerate with:
    //   build/bin/privatepath export resources/examples/s3-gateway-endpoint.privatepath
    //       -o tests/data/golden-export.svg --legend --force
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("now.svg")) + " --legend").code, 0);
    EXPECT_EQ(read(path("now.svg")), read(fs::path(PRIVATEPATH_SOURCE_DIR) / "tests/data/golden-export.svg"));
}

TEST_F(Export, PdfTextIsFoundAsWritten)
{
    // Searching a PDF for "office" must find "Branch office": the text carries plain letters,
    // never the ligature characters (U+FB00-FB06) a shaper substitutes for "ff", "fi", "ffi"...
    if (shell("command -v pdftotext").code != 0)
        GTEST_SKIP() << "pdftotext is not installed (poppler-utils; scripts/setup.sh installs it)";
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/on-premises-application.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("design.pdf")) + " --legend").code, 0);
    const Shell text = shell("pdftotext " + quote(path("design.pdf")) + " -");
    ASSERT_EQ(text.code, 0) << text.out;
    EXPECT_NE(text.out.find("Branch office"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("finding"), std::string::npos) << "the legend's 'Resource with an error finding'";
    EXPECT_EQ(text.out.find("\xEF\xAC"), std::string::npos) << "a ligature character in: " << text.out;
}

TEST_F(Export, SvgCarriesItsFontAndScales)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("design.svg"))).code, 0);
    const std::string svg = read(path("design.svg"));
    EXPECT_NE(svg.find("@font-face { font-family: 'Lato'; font-weight: normal;"), std::string::npos);
    EXPECT_NE(svg.find("url(data:font/ttf;base64,"), std::string::npos);
    EXPECT_TRUE(std::regex_search(svg, std::regex(R"(<svg [^>]*width="\d+" height="\d+" viewBox="0 0 \d+ \d+")")));
    if (shell("command -v rsvg-convert").code != 0)
        GTEST_SKIP() << "rsvg-convert is not installed (librsvg2-bin; scripts/setup.sh installs it)";
    // Another renderer draws it at any size asked for: the viewBox scales the drawing.
    const Shell rsvg = shell("rsvg-convert --width 400 --keep-aspect-ratio " + quote(path("design.svg")) + " -o " + quote(path("small.png")));
    ASSERT_EQ(rsvg.code, 0) << rsvg.out;
    EXPECT_EQ(pngSize(read(path("small.png"))).first, 400);
}

TEST_F(Export, HostileLabelsStayLiteralText)
{
    // Markup, quotes, ampersands, a CDATA end, a comment, script and a control character in the
    // names: the SVG must stay well-formed, inert, and show the names as text.
    const std::string hostile = R"(<b>"Tom" & 'Jerry'</b> ]]> <!-- x --> <script>alert(1)</script>)";
    nlohmann::ordered_json design = {
        {"schemaVersion", 1},
        {"regions", {{{"id", "use1"}, {"code", "us-east-1"}, {"availabilityZones", {"use1-az1"}}, {"name", "R\u0001&amp;"}}}},
        {"vpcs", {{{"id", "vpc-a"}, {"region", "use1"}, {"ipv4Cidrs", {"10.0.0.0/16"}}, {"name", hostile}}}},
        {"diagram",
         {{"shapes",
           {{{"resource", "use1"}, {"x", 0}, {"y", 0}, {"width", 900}, {"height", 500}},
            {{"resource", "vpc-a"}, {"parent", "use1"}, {"x", 20}, {"y", 50}, {"width", 800}, {"height", 400}}}}}}};
    const std::string file = write("hostile.privatepath", design.dump(2));
    const Shell r = exportCommand(quote(file) + " -o " + quote(path("hostile.svg")));
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string svg = read(path("hostile.svg"));
    EXPECT_EQ(shell("xmllint --noout " + quote(path("hostile.svg"))).code, 0);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("<b>"), std::string::npos);
    EXPECT_EQ(svg.find("<!-- x"), std::string::npos);
    // What a parser reads back is the literal name.
    const Shell vpcTitle = shell("xmllint --xpath \"string(//*[local-name()='text'][contains(., 'Tom')])\" " + quote(path("hostile.svg")));
    EXPECT_EQ(vpcTitle.out, hostile + "\n");
    const Shell regionTitle = shell("xmllint --xpath \"string(//*[local-name()='text'][starts-with(., 'R')])\" " + quote(path("hostile.svg")));
    EXPECT_EQ(regionTitle.out, "R\xEF\xBF\xBD&amp;\n") << "control character replaced, entity-looking text kept literally";
    // Nothing refers outside the file: every link is to an element of it.
    for (std::size_t at = svg.find("href="); at != std::string::npos; at = svg.find("href=", at + 1))
        EXPECT_EQ(svg[at + 6], '#') << svg.substr(at, 40);
    // An HTML-ish renderer would not run anything either: no event attributes.
    EXPECT_EQ(svg.find(" on"), std::string::npos);
}

TEST_F(Export, HighlightingSwitches)
{
    // The S3 example has a public flow: its colour and the rings on all its hops show by default;
    // --no-paths keeps the colour (and the ring where it leaves the private network, part of the
    // flow's drawing) without the hops' rings; --no-highlight removes every public colour.
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    for (const char* variant : {"", "--no-paths", "--no-highlight"}) {
        SCOPED_TRACE(variant);
        ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path(std::string("h") + variant + ".svg")) + " " + variant).code, 0);
    }
    const std::string all = read(path("h.svg")), noPaths = read(path("h--no-paths.svg")), none = read(path("h--no-highlight.svg"));
    const std::string publicColour = "stroke=\"#D84315\"";
    auto count = [](const std::string& text, const std::string& what) {
        int n = 0;
        for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
            ++n;
        return n;
    };
    const std::string hopRing = "stroke=\"#E9977E\""; // style::publicPathRingColor()
    EXPECT_GT(count(all, hopRing), 0);
    EXPECT_EQ(count(noPaths, hopRing), 0) << "rings gone";
    EXPECT_GT(count(noPaths, publicColour), 0) << "the public flow keeps its colour";
    EXPECT_EQ(count(none, publicColour), 0);
}

TEST_F(Export, OnlyTheGivenResources)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("part.svg")) + " --only app-b").code, 0);
    const std::string svg = read(path("part.svg"));
    EXPECT_NE(svg.find(">App subnet (S3 endpoint)<"), std::string::npos);
    EXPECT_NE(svg.find(">App server (via endpoint)<"), std::string::npos) << "with what it contains";
    EXPECT_EQ(svg.find(">Amazon S3<"), std::string::npos);
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("bad.svg")) + " --only no-such-id").code, 2);
    EXPECT_FALSE(fs::exists(path("bad.svg")));
}

TEST_F(Export, PngSizeFollowsScaleWidthAndBorder)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/third-party-service.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("one.png")) + " --border 0").code, 0);
    const auto [w, h] = pngSize(read(path("one.png")));
    ASSERT_GT(w, 0);
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("two.png")) + " --scale 2 --border 15").code, 0);
    EXPECT_EQ(pngSize(read(path("two.png"))), std::make_pair(2 * w + 30, 2 * h + 30));
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("wide.png")) + " --width 800 --border 10").code, 0);
    const auto [ww, wh] = pngSize(read(path("wide.png")));
    EXPECT_EQ(ww, 800);
    EXPECT_NEAR(wh, (800.0 - 20) * h / w + 20, 2.0) << "the height follows the width";
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("tall.png")) + " --height 300 --border 0").code, 0);
    EXPECT_EQ(pngSize(read(path("tall.png"))).second, 300);
    // The SVG has the same size as the PNG.
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("two.svg")) + " --scale 2 --border 15").code, 0);
    EXPECT_NE(read(path("two.svg")).find("width=\"" + std::to_string(2 * w + 30) + "\" height=\"" + std::to_string(2 * h + 30) + "\""),
              std::string::npos);
}

TEST_F(Export, PngCarriesResolutionAndTheDesign)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("print.png")) + " --dpi 300").code, 0);
    const std::string png = read(path("print.png"));
    const std::size_t phys = png.find("pHYs");
    ASSERT_NE(phys, std::string::npos);
    auto be32 = [&](std::size_t at) {
        return (unsigned)(unsigned char)png[at] << 24 | (unsigned)(unsigned char)png[at + 1] << 16 |
               (unsigned)(unsigned char)png[at + 2] << 8 | (unsigned)(unsigned char)png[at + 3];
    };
    EXPECT_EQ(be32(phys + 4), 11811u) << "300 dpi in pixels per metre";
    EXPECT_NE(png.find("privatepath"), std::string::npos) << "the design is embedded by default";
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("plain.png")) + " --no-embed").code, 0);
    EXPECT_EQ(read(path("plain.png")).find("privatepath"), std::string::npos);
    EXPECT_LT(fs::file_size(path("plain.png")), fs::file_size(path("print.png")));
}

TEST_F(Export, RefusesToOverwriteWithoutForce)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    const std::string out = write("existing.svg", "keep me");
    const Shell refused = exportCommand(quote(example) + " -o " + quote(out));
    EXPECT_EQ(refused.code, 4);
    EXPECT_NE(refused.out.find("--force"), std::string::npos) << refused.out;
    EXPECT_EQ(read(out), "keep me");
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(out) + " --force").code, 0);
    EXPECT_NE(read(out).find("<svg"), std::string::npos);
}

TEST_F(Export, NeverWritesThroughASymbolicLink)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    const std::string target = write("target.txt", "precious");
    fs::create_symlink(target, path("link.png"));
    fs::create_symlink(path("nowhere.png"), path("dangling.png"));
    for (const char* link : {"link.png", "dangling.png"}) {
        SCOPED_TRACE(link);
        const Shell r = exportCommand(quote(example) + " -o " + quote(path(link)) + " --force");
        EXPECT_EQ(r.code, 4) << r.out;
        EXPECT_NE(r.out.find("symbolic link"), std::string::npos) << r.out;
    }
    EXPECT_EQ(read(target), "precious");
    EXPECT_FALSE(fs::exists(path("nowhere.png")));
}

TEST_F(Export, UnwritablePlacesFailWithFourAndLeaveNothing)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    write("afile", "x");
    // A directory that does not exist, a "directory" that is a file, a place nobody may create files.
    for (const std::string& out : {path("missing/dir/out.png"), path("afile/out.png"), std::string("/proc/privatepath-out.png")}) {
        SCOPED_TRACE(out);
        const Shell r = exportCommand(quote(example) + " -o " + quote(out));
        EXPECT_EQ(r.code, 4) << r.out;
        EXPECT_NE(r.out.find(out), std::string::npos) << "the message names the output: " << r.out;
    }
    EXPECT_EQ(filesInDir(), std::vector<std::string>{"afile"});

    // The disk fills up half-way (file size limit of 8 KiB): exit 4, the old file untouched, no
    // temporary file left. SIGXFSZ is ignored so the write fails instead of killing the process.
    const std::string old = write("full.png", "old image");
    const Shell full = shell("sh -c " + quote("trap '' XFSZ; ulimit -f 8; env -u DISPLAY " + quote(PRIVATEPATH_BINARY) + " export " +
                                            quote(example) + " -o " + quote(old) + " --force --scale 3"));
    EXPECT_EQ(full.code, 4) << full.out;
    EXPECT_EQ(read(old), "old image");
    EXPECT_EQ(filesInDir(), (std::vector<std::string>{"afile", "full.png"}));
}

TEST_F(Export, LargeImagesNeedForce)
{
    // The S3 example at 12 pixels per unit is over 100 megapixels: refused before anything is
    // drawn, with the size and the limit, exit 2, nothing written.
    const std::string example =
        (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    const Shell refused = exportCommand(quote(example) + " -o " + quote(path("big.png")) + " --scale 12");
    EXPECT_EQ(refused.code, 2) << refused.out;
    std::smatch size;
    ASSERT_TRUE(std::regex_search(
        refused.out, size, std::regex(R"((\d+) × (\d+) pixels \((\d+) megapixels\), about [\d.]+ MB)")))
        << refused.out;
    const int width = std::stoi(size[1]), height = std::stoi(size[2]);
    EXPECT_GT(double(width) * height, 100e6);
    EXPECT_NEAR(std::stoi(size[3]), double(width) * height / 1e6, 1.0);
    EXPECT_NE(refused.out.find("over the limit of 100 megapixels"), std::string::npos) << refused.out;
    EXPECT_NE(refused.out.find("--force"), std::string::npos) << refused.out;
    EXPECT_EQ(refused.out.find("Options:"), std::string::npos) << "a clear message, not the whole help";
    EXPECT_TRUE(filesInDir().empty());

    // A vector file of the same size costs no more than a small one: not limited.
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("big.svg")) + " --scale 12").code, 0);

    // --force exports it anyway.
    const Shell forced =
        exportCommand(quote(example) + " -o " + quote(path("big.png")) + " --scale 12 --force");
    ASSERT_EQ(forced.code, 0) << forced.out;
    EXPECT_EQ(pngSize(read(path("big.png"))), std::make_pair(width, height));

    // The limit and the flag are in the command's help.
    const Shell help = exportCommand("--help");
    EXPECT_NE(help.out.find("100 megapixels"), std::string::npos) << help.out;
    EXPECT_NE(help.out.find("200 MB"), std::string::npos) << help.out;
}

TEST_F(Export, FlowPathOnlyWhenAsked)
{
    // Without --flow no path is ringed; --flow draws the flow's hops (rings in its verdict colour,
    // the private green for this flow).
    const std::string example =
        (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("plain.svg")) + " --no-highlight").code, 0);
    ASSERT_EQ(exportCommand(quote(example) + " -o " + quote(path("flow.svg")) +
                            " --no-highlight --flow flow-s3-via-endpoint")
                  .code,
              0);
    auto rings = [](const std::string& svg) {
        int n = 0;
        for (std::size_t at = svg.find("stroke=\"#2E7D32\" stroke-width=\"4\""); at != std::string::npos;
             at = svg.find("stroke=\"#2E7D32\" stroke-width=\"4\"", at + 1))
            ++n;
        return n;
    };
    const std::string plain = read(path("plain.svg")), flow = read(path("flow.svg"));
    EXPECT_EQ(rings(plain), 0);
    EXPECT_GE(rings(flow), 3) << "the hops of the flow are ringed";
}

TEST_F(Export, UsageAndInputErrors)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    EXPECT_EQ(exportCommand(quote(example)).code, 2) << "-o is required";
    EXPECT_EQ(exportCommand("-o " + quote(path("x.png"))).code, 2) << "a design is required";
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.bmp"))).code, 2) << "unknown extension";
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --format gif").code, 2);
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --scale 0").code, 2);
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --scale lots").code, 2);
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --scale 2 --width 100").code, 2);
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --width 40000").code, 2);
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --scale 90").code, 2) << "too large an image";
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("x.png")) + " --flow no-such-flow").code, 2);
    EXPECT_TRUE(filesInDir().empty());
    // The format option wins over the extension.
    EXPECT_EQ(exportCommand(quote(example) + " -o " + quote(path("drawing.out")) + " --format svg").code, 0);
    EXPECT_NE(read(path("drawing.out")).find("<svg"), std::string::npos);

    const std::string broken = write("broken.privatepath", "{\"schemaVersion\": 1,\n \"vpcs\": [{\"id\": 5}]}");
    const Shell r = exportCommand(quote(broken) + " -o " + quote(path("b.png")));
    EXPECT_EQ(r.code, 3);
    EXPECT_NE(r.out.find("broken.privatepath:2"), std::string::npos) << "names the file and line: " << r.out;
    EXPECT_EQ(exportCommand(quote(path("missing.privatepath")) + " -o " + quote(path("m.png"))).code, 3);
    EXPECT_FALSE(fs::exists(path("b.png")));
    EXPECT_EQ(exportCommand("--help").code, 0);
}

TEST_F(Export, DrawioForEveryExampleIsWellFormedAndDeterministic)
{
    for (const fs::path& example : examples()) {
        SCOPED_TRACE(example.filename().string());
        const std::string out = path(example.stem().string() + ".drawio");
        const Shell r = exportCommand(quote(example.string()) + " -o " + quote(out));
        ASSERT_EQ(r.code, 0) << r.out;
        EXPECT_EQ(r.out, "");
        const Shell lint = shell("xmllint --noout " + quote(out));
        EXPECT_EQ(lint.code, 0) << lint.out;
        // Uncompressed: the model is in the file as elements, not as an encoded string.
        const Shell cells = shell("xmllint --xpath \"count(/mxfile/diagram/mxGraphModel/root/mxCell)\" " + quote(out));
        EXPECT_GT(std::stoi(cells.out), 5) << cells.out;
        const Shell containers = shell("xmllint --xpath \"count(//mxCell[contains(@style,'container=1;')][@vertex='1'])\" " + quote(out));
        EXPECT_GT(std::stoi(containers.out), 1) << "regions, VPCs, subnets: " << containers.out;
        const Shell htmlOff = shell("xmllint --xpath \"count(//mxCell[@style][not(contains(@style,'html=0;'))])\" " + quote(out));
        EXPECT_EQ(htmlOff.out, "0\n") << "html=0 in every style";
        const std::string first = read(out);
        ASSERT_EQ(exportCommand(quote(example.string()) + " -o " + quote(out) + " --force").code, 0);
        EXPECT_EQ(read(out), first) << "the same design gives the same bytes";
    }
}

TEST_F(Export, DrawioByFormatOptionAndItsErrors)
{
    const std::string example = (fs::path(PRIVATEPATH_SOURCE_DIR) / "resources/examples/s3-gateway-endpoint.privatepath").string();
    // --format wins over the extension.
    const std::string xml = path("diagram.xml");
    const Shell r = exportCommand(quote(example) + " -o " + quote(xml) + " --format drawio");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(read(xml).rfind("<?xml", 0), 0u);
    EXPECT_NE(read(xml).find("<mxfile host=\"PrivatePath\""), std::string::npos);
    // --only and --no-highlight apply; an existing file needs --force.
    const Shell only = exportCommand(quote(example) + " -o " + quote(path("part.drawio")) + " --only app-b --no-highlight");
    ASSERT_EQ(only.code, 0) << only.out;
    EXPECT_EQ(read(path("part.drawio")).find("id=\"r:vpc-a\""), std::string::npos);
    EXPECT_NE(read(path("part.drawio")).find("id=\"r:app-b\""), std::string::npos);
    const Shell refused = exportCommand(quote(example) + " -o " + quote(xml) + " --format drawio");
    EXPECT_EQ(refused.code, 4) << refused.out;
    const Shell unknown = exportCommand(quote(example) + " -o " + quote(path("x.drawing")));
    EXPECT_EQ(unknown.code, 2);
    EXPECT_NE(unknown.out.find("drawio"), std::string::npos) << "the error lists the format: " << unknown.out;
    const Shell help = exportCommand("--help");
    EXPECT_NE(help.out.find("draw.io"), std::string::npos);
}

} // namespace
