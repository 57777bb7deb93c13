// Bounded input: numbers, encodings, size and structure that a hostile file could use to hang,
// exhaust or confuse the loader, its messages or the exports after it.
#include "TestSupport.h"
#include "io/SourceLocator.h"
#include "io/TextEscape.h"

#include <gtest/gtest.h>

namespace pp::test {
namespace {

const Diagnostic* findCode(const LoadResult& r, const std::string& code)
{
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == code)
            return &d;
    return nullptr;
}

// A design with one internet host drawn with the given shape fields (and a connector and a note).
std::string drawn(const std::string& shapeFields, const std::string& waypoint = "[10, 10]",
                  const std::string& noteFields = R"("x": 0, "y": 0, "width": 50, "height": 20)")
{
    const std::string point = waypoint.substr(1, waypoint.size() - 2);
    const auto comma = point.find(',');
    return R"({"schemaVersion": 2, "internetHosts": [{"id": "h", "address": "203.0.113.1"}],
  "diagram": {
    "shapes": [{"resource": "h", )" + shapeFields + R"(}],
    "connectors": [{"owner": "h", "waypoints": [{"x": )" + point.substr(0, comma) + R"(, "y": )" + point.substr(comma + 1) + R"(}]}],
    "notes": [{"text": "n", )" + noteFields + R"(}]
  }
})";
}

TEST(LoaderBounds, CoordinatesAndSizesOutsideTheirRangeNameTheField)
{
    struct Case {
        std::string text;
        std::string pointer;
        std::string message;
    };
    const std::string box = R"("width": 100, "height": 50)";
    const std::vector<Case> cases = {
        {drawn(R"("x": 1e308, "y": 1e308, )" + box), "/diagram/shapes/0/x", "'x' is 1e+308, outside -10000000..10000000"},
        {drawn(R"("x": -1e308, "y": 0, )" + box), "/diagram/shapes/0/x", "'x' is -1e+308"},
        {drawn(R"("x": 0, "y": 1000000000, )" + box), "/diagram/shapes/0/y", "'y' is 1e+09"},
        {drawn(R"("x": 0, "y": 0, "width": 2000000, "height": 50)"), "/diagram/shapes/0/width", "outside 0..1000000"},
        {drawn(R"("x": 0, "y": 0, )" + box, "[0, -2e7]"), "/diagram/connectors/0/waypoints/0/y", "'y' is -2e+07"},
        {drawn(R"("x": 0, "y": 0, )" + box, "[0, 0]", R"("x": 0, "y": 0, "width": 50, "height": 1e300)"),
         "/diagram/notes/0/height", "'height' is 1e+300"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.pointer);
        const LoadResult r = loadDesign(c.text, "far.privatepath");
        EXPECT_FALSE(r.ok());
        const Diagnostic* d = findCode(r, "OUT_OF_RANGE");
        ASSERT_NE(d, nullptr);
        EXPECT_EQ(d->jsonPath, c.pointer);
        EXPECT_GT(d->line, 0) << "names the line";
        EXPECT_NE(d->message.find(c.message), std::string::npos) << d->message;
        EXPECT_EQ(d->format().rfind("far.privatepath:", 0), 0u) << d->format();
    }
    EXPECT_TRUE(loadDesign(drawn(R"("x": -10000000, "y": 10000000, "width": 1000000, "height": 0.5)", "[1e7, -1e7]"), "edge")
                    .ok())
        << "the limits themselves are allowed";
}

TEST(LoaderBounds, Utf16AndUtf32FilesAreNamedAsSuch)
{
    const std::string ascii = R"({"schemaVersion": 2})";
    auto widen = [&](int width, bool bigEndian, std::string bom) {
        std::string out = std::move(bom);
        for (char c : ascii) {
            std::string unit(std::size_t(width), '\0');
            unit[bigEndian ? std::size_t(width - 1) : 0] = c;
            out += unit;
        }
        return out;
    };
    const std::vector<std::pair<std::string, std::string>> cases = {
        {widen(2, false, "\xFF\xFE"), "UTF-16 (little-endian, with a byte order mark)"},
        {widen(2, true, "\xFE\xFF"), "UTF-16 (big-endian, with a byte order mark)"},
        {widen(2, false, ""), "UTF-16 (little-endian)"},
        {widen(2, true, ""), "UTF-16 (big-endian)"},
        {widen(4, false, std::string("\xFF\xFE\0\0", 4)), "UTF-32 (little-endian, with a byte order mark)"},
        {widen(4, true, std::string("\0\0\xFE\xFF", 4)), "UTF-32 (big-endian, with a byte order mark)"},
        {widen(4, false, ""), "UTF-32 (little-endian)"},
        {widen(4, true, ""), "UTF-32 (big-endian)"},
    };
    for (const auto& [text, name] : cases) {
        SCOPED_TRACE(name);
        const LoadResult r = loadDesign(text, "wide.privatepath");
        ASSERT_EQ(r.diagnostics.size(), 1u);
        EXPECT_EQ(r.diagnostics[0].code, "FILE_ENCODING");
        EXPECT_NE(r.diagnostics[0].message.find("the file is " + name + "; design files are UTF-8"), std::string::npos)
            << r.diagnostics[0].message;
    }
    EXPECT_TRUE(loadDesign("\xEF\xBB\xBF" + ascii, "bom.privatepath").ok()) << "a UTF-8 byte order mark is fine";
}

TEST(LoaderBounds, ControlCharactersFromTheFileAreEscapedInMessages)
{
    // An id that retitles an xterm (OSC 0) and a NUL in the middle of the text.
    const std::string osc = "\x1b]0;owned\x07";
    const LoadResult badId = loadDesign(R"({"schemaVersion": 2, "internetHosts": [{"id": ")" + std::string("\\u001b]0;owned\\u0007") +
                                            R"(", "address": "203.0.113.1"}]})",
                                        "esc.privatepath");
    const Diagnostic* d = findCode(badId, "INVALID_ID");
    ASSERT_NE(d, nullptr);
    EXPECT_NE(d->message.find(osc), std::string::npos) << "the message itself keeps the data";
    EXPECT_EQ(d->format().find('\x1b'), std::string::npos) << d->format();
    EXPECT_NE(d->format().find("\\u001b]0;owned\\u0007"), std::string::npos) << d->format();

    const LoadResult nul = loadDesign(std::string("{\"schemaVersion\": 2, \"name\": \"a\0b\"}", 36), "nul.privatepath");
    ASSERT_FALSE(nul.diagnostics.empty());
    EXPECT_EQ(nul.diagnostics[0].format().find('\0'), std::string::npos) << nul.diagnostics[0].format();
    EXPECT_NE(nul.diagnostics[0].format().find("\\u0000"), std::string::npos) << nul.diagnostics[0].format();
}

TEST(LoaderBounds, EscapingCoversC0DelAndC1AndKeepsTheRest)
{
    EXPECT_EQ(escapeControlCharacters(std::string("a\0b\x1b[31m\x7f", 9)), "a\\u0000b\\u001b[31m\\u007f");
    EXPECT_EQ(escapeControlCharacters("\xC2\x9B" "2J \xC3\xA9"), "\\u009b2J \xC3\xA9") << "CSI as U+009B; é stays";
    EXPECT_EQ(escapeControlCharacters("line\n\ttab\r", "\n\t"), "line\n\ttab\\u000d");
}

// Shapes nested in one long chain (each inside the next) or closed into one loop. The check
// visits each shape once; a loop is one error, not one per shape.
std::string parentChain(std::size_t n, bool closed)
{
    std::string text = R"({"schemaVersion": 2, "internetHosts": [)";
    for (std::size_t i = 0; i < n; ++i)
        text += (i ? "," : "") + std::string(R"({"id": "h)") + std::to_string(i) + R"(", "address": "203.0.113.1"})";
    text += R"(], "diagram": {"shapes": [)";
    for (std::size_t i = 0; i < n; ++i) {
        const bool hasParent = closed || i + 1 < n;
        text += (i ? "," : "") + std::string(R"({"resource": "h)") + std::to_string(i) + '"' +
                (hasParent ? R"(, "parent": "h)" + std::to_string((i + 1) % n) + '"' : "") +
                R"(, "x": 1, "y": 1, "width": 10, "height": 10})";
    }
    return text + "]}}";
}

TEST(LoaderBounds, HundredThousandShapeChainAndLoopAreOneErrorEach)
{
    constexpr std::size_t n = 100000;
    const LoadResult chain = loadDesign(parentChain(n, false), "chain.privatepath");
    ASSERT_EQ(chain.diagnostics.size(), 1u);
    EXPECT_EQ(chain.diagnostics[0].code, "DIAGRAM_NESTING_TOO_DEEP");
    EXPECT_EQ(chain.diagnostics[0].jsonPath, "/diagram/shapes/0/parent") << "the first shape nested too deep";
    EXPECT_NE(chain.diagnostics[0].message.find("'h0' is drawn 99999 shapes deep (the deepest is 99999); the limit is 64"),
              std::string::npos)
        << chain.diagnostics[0].message;
    const LoadResult loop = loadDesign(parentChain(n, true), "loop.privatepath");
    ASSERT_FALSE(loop.ok());
    ASSERT_EQ(loop.diagnostics.size(), 1u);
    EXPECT_EQ(loop.diagnostics[0].code, "DIAGRAM_PARENT_CYCLE");
    EXPECT_EQ(loop.diagnostics[0].jsonPath, "/diagram/shapes/0/parent");
    EXPECT_NE(loop.diagnostics[0].message.find("a cycle of 100000 shapes"), std::string::npos) << loop.diagnostics[0].message;
}

TEST(LoaderBounds, SixtyFourLevelsOfShapesAreAllowed)
{
    EXPECT_TRUE(loadDesign(parentChain(65, false), "deep.privatepath").ok()) << "64 parents above the first shape";
    const LoadResult deeper = loadDesign(parentChain(66, false), "deeper.privatepath");
    ASSERT_FALSE(deeper.ok());
    EXPECT_EQ(deeper.diagnostics[0].code, "DIAGRAM_NESTING_TOO_DEEP");
}

TEST(LoaderBounds, EveryCycleIsReportedOnceFromItsFirstShape)
{
    // 0 -> 1 -> 2 -> 1 (a tail into a loop), 3 -> 3 (itself), 4 -> 5 (fine).
    std::string text = R"({"schemaVersion": 2, "internetHosts": [)";
    for (int i = 0; i < 6; ++i)
        text += (i ? "," : "") + std::string(R"({"id": "h)") + std::to_string(i) + R"(", "address": "203.0.113.1"})";
    text += R"(], "diagram": {"shapes": [)";
    const int parent[] = {1, 2, 1, 3, 5, -1};
    for (int i = 0; i < 6; ++i)
        text += (i ? "," : "") + std::string(R"({"resource": "h)") + std::to_string(i) + '"' +
                (parent[i] >= 0 ? R"(, "parent": "h)" + std::to_string(parent[i]) + '"' : "") +
                R"(, "x": 1, "y": 1, "width": 10, "height": 10})";
    const LoadResult r = loadDesign(text + "]}}", "cycles.privatepath");
    std::vector<std::string> paths;
    for (const Diagnostic& d : r.diagnostics)
        if (d.code == "DIAGRAM_PARENT_CYCLE")
            paths.push_back(d.jsonPath);
    EXPECT_EQ(paths, (std::vector<std::string>{"/diagram/shapes/1/parent", "/diagram/shapes/3/parent"}));
}

TEST(LoaderBounds, AFileOverTheMemoryLimitIsRefusedBeforeParsing)
{
    // Ten thousand tiny objects, then a syntax error: the estimate refuses the file before the
    // parser would reach the error.
    std::string text = R"({"schemaVersion": 2, "x-pad": [)";
    for (int i = 0; i < 10000; ++i)
        text += i ? R"(,{"a":""})" : R"({"a":""})";
    text += "], oops}";
    LoadLimits limits;
    limits.maxTreeBytes = 1 << 20;
    const LoadResult r = loadDesign(text, "dense.privatepath", limits);
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_EQ(r.diagnostics[0].code, "FILE_TOO_COMPLEX");
    EXPECT_NE(r.diagnostics[0].message.find("the limit is 1 MiB"), std::string::npos) << r.diagnostics[0].message;

    // The estimate is an upper bound of what the tree takes: at least 16 bytes a value.
    const JsonTextShape shape = scanJsonText(text, 64);
    EXPECT_EQ(shape.members, 10002u); // schemaVersion, x-pad and the 10,000 "a"
    EXPECT_GE(shape.estimatedTreeBytes(), (shape.separators + 1) * 16);
    EXPECT_EQ(loadDesign(text, "dense.privatepath").diagnostics.at(0).code, "JSON_SYNTAX") << "within the default limit";
}

} // namespace
} // namespace pp::test
