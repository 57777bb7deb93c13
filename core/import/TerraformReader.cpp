#include "import/TerraformReader.h"

#include "io/DesignFile.h"
#include "io/SourceLocator.h"

#include <unordered_map>

namespace pp {

namespace {

using Json = nlohmann::json;

// Module instance path without instance keys: "module.a[0].module.b" -> "module.a.module.b",
// which is how the configuration names the module.
std::string configModulePath(std::string_view module)
{
    std::string out;
    int depth = 0;
    for (char c : module) {
        if (c == '[')
            ++depth;
        else if (c == ']')
            depth = depth > 0 ? depth - 1 : 0;
        else if (depth == 0)
            out += c;
    }
    return out;
}

class Reader {
public:
    Reader(std::string_view text, const std::string& fileName) : m_text(text), m_file(fileName) {}

    TfReadResult run(const TfReadLimits& limits)
    {
        TfReadResult result;
        const JsonTextShape shape = scanJsonText(m_text, limits.maxDepth);
        if (shape.depth > limits.maxDepth) {
            error("TF_TOO_DEEP", "the JSON nests deeper than " + std::to_string(limits.maxDepth) + " levels", "",
                  positionOfOffset(m_text, shape.tooDeepAt));
            return finish(result);
        }
        if (shape.estimatedTreeBytes() > limits.maxTreeBytes) {
            error("TF_TOO_LARGE", "the JSON would take more memory than the limit to read", "", {});
            return finish(result);
        }
        Json root;
        try {
            root = Json::parse(m_text.begin(), m_text.end());
        } catch (const Json::parse_error& e) {
            error("TF_JSON_SYNTAX", "not valid JSON: " + std::string(e.what()), "",
                  positionOfOffset(m_text, e.byte > 0 ? e.byte - 1 : 0));
            return finish(result);
        } catch (const Json::exception& e) { // a number too large for a double (1e999)
            error("TF_JSON_SYNTAX", "not readable JSON: " + std::string(e.what()), "", {});
            return finish(result);
        }
        if (!root.is_object() || !root.contains("format_version")) {
            error("TF_NOT_TERRAFORM",
                  "not the output of `terraform show -json` (no top-level object with `format_version`)", "");
            return finish(result);
        }
        TfDocument doc;
        const Json& version = root["format_version"];
        if (!version.is_string()) {
            fieldType("/format_version", "a string");
            return finish(result);
        }
        doc.formatVersion = version.get<std::string>();
        // Format versions 0.x (Terraform 0.12 to 1.0) and 1.x (1.1 and later) share the fields read
        // here; a new major version may not.
        const std::string major = doc.formatVersion.substr(0, doc.formatVersion.find('.'));
        if (major != "0" && major != "1") {
            error("TF_FORMAT_VERSION",
                  "format_version " + doc.formatVersion + " is not supported; this version reads 0.x and 1.x",
                  "/format_version");
            return finish(result);
        }
        if (root.contains("terraform_version") && root["terraform_version"].is_string())
            doc.terraformVersion = root["terraform_version"].get<std::string>();
        doc.plan = root.contains("planned_values") || root.contains("resource_changes");

        if (root.contains("configuration"))
            readConfiguration(root["configuration"], doc);
        if (doc.plan)
            readChanges(root);

        const char* valuesKey = doc.plan ? "planned_values" : "values";
        if (root.contains(valuesKey) && !root[valuesKey].is_null()) {
            const Json& values = root[valuesKey];
            const std::string path = std::string("/") + valuesKey;
            if (!values.is_object())
                fieldType(path, "an object");
            else if (values.contains("root_module"))
                readModule(values["root_module"], path + "/root_module", doc, 0);
        }
        if (m_errors == 0)
            result.document = std::move(doc);
        return finish(result);
    }

private:
    TfReadResult& finish(TfReadResult& result)
    {
        result.diagnostics = std::move(m_diagnostics);
        return result;
    }

    void error(std::string code, std::string message, const std::string& path, TextPosition at = {})
    {
        if (at.line == 0 && !path.empty())
            at = locateJsonPointer(m_text, path);
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = std::move(code);
        d.message = std::move(message);
        d.file = m_file;
        d.line = at.line;
        d.column = at.column;
        d.jsonPath = path;
        m_diagnostics.push_back(std::move(d));
        ++m_errors;
    }
    void fieldType(const std::string& path, const char* expected)
    {
        error("TF_FIELD_TYPE", "the field must be " + std::string(expected), path);
    }

    static std::string member(const Json& object, const char* key)
    {
        const auto it = object.find(key);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    }

    void readModule(const Json& module, const std::string& path, TfDocument& doc, int depth)
    {
        if (!module.is_object()) {
            fieldType(path, "an object");
            return;
        }
        const std::string moduleAddress = member(module, "address");
        if (module.contains("resources")) {
            const Json& resources = module["resources"];
            if (!resources.is_array()) {
                fieldType(path + "/resources", "an array");
            } else {
                for (std::size_t i = 0; i < resources.size(); ++i)
                    readResource(resources[i], path + "/resources/" + std::to_string(i), moduleAddress, doc);
            }
        }
        if (module.contains("child_modules")) {
            const Json& children = module["child_modules"];
            if (!children.is_array()) {
                fieldType(path + "/child_modules", "an array");
                return;
            }
            for (std::size_t i = 0; i < children.size(); ++i)
                readModule(children[i], path + "/child_modules/" + std::to_string(i), doc, depth + 1);
        }
    }

    void readResource(const Json& r, const std::string& path, const std::string& module, TfDocument& doc)
    {
        if (!r.is_object()) {
            fieldType(path, "an object");
            return;
        }
        for (const char* key : {"address", "type", "name"}) {
            if (!r.contains(key) || !r[key].is_string()) {
                error("TF_FIELD_TYPE", std::string("a resource needs `") + key + "` as a string", path);
                return;
            }
        }
        TfResource res;
        res.address = r["address"].get<std::string>();
        res.type = r["type"].get<std::string>();
        res.name = r["name"].get<std::string>();
        res.module = module;
        res.jsonPath = path;
        res.dataSource = member(r, "mode") == "data";
        if (r.contains("index"))
            res.indexKey = r["index"];
        res.values = r.contains("values") && r["values"].is_object() ? r["values"] : Json::object();
        if (r.contains("values") && !r["values"].is_object() && !r["values"].is_null()) {
            fieldType(path + "/values", "an object");
            return;
        }
        if (r.contains("sensitive_values"))
            res.sensitive = r["sensitive_values"];
        if (const auto change = m_changes.find(res.address); change != m_changes.end()) {
            res.unknown = change->second.first;
            if (change->second.second.is_object())
                res.sensitive = change->second.second;
        }
        const std::string configKey = configModulePath(module) + "|" + res.type + "." + res.name;
        if (const auto refs = m_references.find(configKey); refs != m_references.end())
            res.references = refs->second;
        doc.resources.push_back(std::move(res));
    }

    void readChanges(const Json& root)
    {
        const auto it = root.find("resource_changes");
        if (it == root.end() || !it->is_array())
            return;
        for (const Json& c : *it) {
            if (!c.is_object() || !c.contains("change") || !c["change"].is_object())
                continue;
            const Json& change = c["change"];
            m_changes[member(c, "address")] = {change.value("after_unknown", Json()), change.value("after_sensitive", Json())};
        }
    }

    // Collects `references` of every expression, flattening nested blocks into "block.attribute".
    static void collectReferences(const Json& expressions, const std::string& prefix,
                                  std::map<std::string, std::vector<std::string>>& out, int depth)
    {
        if (!expressions.is_object() || depth > 16)
            return;
        for (const auto& [key, value] : expressions.items()) {
            if (value.is_object() && value.contains("references") && value["references"].is_array()) {
                std::vector<std::string>& refs = out[prefix + key];
                for (const Json& ref : value["references"])
                    if (ref.is_string())
                        refs.push_back(ref.get<std::string>());
            } else if (value.is_array()) {
                for (const Json& block : value)
                    collectReferences(block, prefix + key + ".", out, depth + 1);
            } else if (value.is_object() && !value.contains("constant_value")) {
                collectReferences(value, prefix + key + ".", out, depth + 1);
            }
        }
    }

    void readConfigModule(const Json& module, const std::string& path, int depth)
    {
        if (!module.is_object() || depth > 64)
            return;
        if (const auto it = module.find("resources"); it != module.end() && it->is_array()) {
            for (const Json& r : *it) {
                if (!r.is_object() || !r.contains("expressions"))
                    continue;
                const std::string address = member(r, "address");
                collectReferences(r["expressions"], "", m_references[path + "|" + address], 0);
            }
        }
        if (const auto it = module.find("module_calls"); it != module.end() && it->is_object()) {
            for (const auto& [name, call] : it->items())
                if (call.is_object() && call.contains("module"))
                    readConfigModule(call["module"], (path.empty() ? "" : path + ".") + "module." + name, depth + 1);
        }
    }

    void readConfiguration(const Json& configuration, TfDocument& doc)
    {
        if (!configuration.is_object())
            return;
        if (const auto providers = configuration.find("provider_config"); providers != configuration.end() && providers->is_object()) {
            // The default (unaliased) aws provider's region, when it is a constant.
            if (const auto aws = providers->find("aws"); aws != providers->end() && aws->is_object()) {
                const Json region = aws->value("expressions", Json::object()).value("region", Json::object());
                if (region.is_object() && region.contains("constant_value") && region["constant_value"].is_string())
                    doc.region = region["constant_value"].get<std::string>();
            }
        }
        if (configuration.contains("root_module"))
            readConfigModule(configuration["root_module"], "", 0);
    }

    std::string_view m_text;
    std::string m_file;
    Diagnostics m_diagnostics;
    int m_errors = 0;
    std::unordered_map<std::string, std::pair<Json, Json>> m_changes; // address -> (after_unknown, after_sensitive)
    std::unordered_map<std::string, std::map<std::string, std::vector<std::string>>> m_references;
};

} // namespace

TfReadResult readTerraformJson(std::string_view text, const std::string& fileName, const TfReadLimits& limits)
{
    return Reader(text, fileName).run(limits);
}

TfReadResult readTerraformFile(const std::string& path, const TfReadLimits& limits)
{
    TfReadResult result;
    LoadLimits load;
    load.maxBytes = limits.maxBytes;
    if (const auto text = readDesignText(path, load, result.diagnostics))
        return readTerraformJson(*text, path, limits);
    return result;
}

} // namespace pp
