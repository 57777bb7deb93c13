#include "import/AwsReader.h"
#include "io/DesignFile.h"
#include "io/JsonReader.h"
#include "io/SourceLocator.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>

namespace pp {

namespace {

using Json = nlohmann::json;

struct CallInfo {
    std::string_view key;
    std::string_view idFields; // "A|B": the first present names the item; "" = the whole item
};

// Every call read, by the key of its array.
constexpr CallInfo kCalls[] = {
    {"Vpcs", "VpcId"},
    {"Subnets", "SubnetId"},
    {"RouteTables", "RouteTableId"},
    {"InternetGateways", "InternetGatewayId"},
    {"EgressOnlyInternetGateways", "EgressOnlyInternetGatewayId"},
    {"NatGateways", "NatGatewayId"},
    {"Addresses", "AllocationId|PublicIp"},
    {"VpcEndpoints", "VpcEndpointId"},
    {"ServiceConfigurations", "ServiceId"},
    {"AllowedPrincipals", ""},
    {"SecurityGroups", "GroupId"},
    {"NetworkAcls", "NetworkAclId"},
    {"Instances", "InstanceId"},
    {"NetworkInterfaces", "NetworkInterfaceId"},
    {"LoadBalancers", "LoadBalancerArn"},
    {"TargetGroups", "TargetGroupArn"},
    {"TargetHealthDescriptions", ""},
    {"Listeners", "ListenerArn"},
    {"VpcPeeringConnections", "VpcPeeringConnectionId"},
    {"TransitGateways", "TransitGatewayId"},
    {"TransitGatewayRouteTables", "TransitGatewayRouteTableId"},
    {"TransitGatewayAttachments", "TransitGatewayAttachmentId"},
    {"TransitGatewayVpcAttachments", "TransitGatewayAttachmentId"},
    {"TransitGatewayRouteTablePropagations", ""},
    {"Routes", ""},
    {"VpnGateways", "VpnGatewayId"},
    {"CustomerGateways", "CustomerGatewayId"},
    {"VpnConnections", "VpnConnectionId"},
    {"DirectConnectGateways", "DirectConnectGatewayId"},
    {"DirectConnectGatewayAssociations", "AssociationId"},
    {"PrefixLists", "PrefixListId"},
    {"Entries", ""},
};

// Arrays of objects each holding a per-resource call's output beside the resource's id
// (Batfish's AWS collector). `Reservations` holds `Instances` the same way.
constexpr std::string_view kWrappers[] = {"Reservations", "LoadBalancerTargetHealth", "LoadBalancerListeners",
                                          "TransitGatewayStaticRoutes", "TransitGatewayPropagations"};

// Members that are no call: pagination and response metadata.
constexpr std::string_view kIgnored[] = {"NextToken", "NextMarker", "Marker", "AdditionalRoutesAvailable",
                                         "ResponseMetadata"};

// The key as the calls are named here. The AWS CLI prints Direct Connect's output in camelCase
// (`directConnectGateways`), Batfish in PascalCase; any other lower-case key is not a call (a
// design file's `vpcs` is not describe-vpcs' `Vpcs`).
std::string upperFirst(std::string_view key) {
    std::string out(key);
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z' && out.starts_with("directConnect"))
        out[0] = char(out[0] - 'a' + 'A');
    return out;
}

const CallInfo* callOf(const std::string& canonical) {
    for (const CallInfo& c : kCalls)
        if (c.key == canonical)
            return &c;
    return nullptr;
}

bool isWrapper(const std::string& canonical) {
    return std::find(std::begin(kWrappers), std::end(kWrappers), canonical) != std::end(kWrappers);
}

bool isIgnored(const std::string& canonical) {
    return std::find(std::begin(kIgnored), std::end(kIgnored), canonical) != std::end(kIgnored);
}

class Reader {
public:
    Reader(std::string_view text, const std::string& file, AwsDescribe& into, Diagnostics& problems)
        : m_text(text), m_file(file), m_into(into), m_problems(problems) {}

    bool run(const AwsReadLimits& limits) {
        const JsonTextShape shape = scanJsonText(m_text, limits.maxDepth);
        if (shape.depth > limits.maxDepth) {
            error("AWS_TOO_DEEP", "the JSON nests deeper than " + std::to_string(limits.maxDepth) + " levels",
                  "", positionOfOffset(m_text, shape.tooDeepAt));
            return false;
        }
        if (shape.estimatedTreeBytes() > limits.maxTreeBytes) {
            error("AWS_TOO_LARGE", "the JSON would take more memory than the limit to read", "");
            return false;
        }
        Json root;
        try {
            root = Json::parse(m_text.begin(), m_text.end());
        } catch (const Json::parse_error& e) {
            error("AWS_JSON_SYNTAX", "not valid JSON: " + std::string(e.what()), "",
                  positionOfOffset(m_text, e.byte > 0 ? e.byte - 1 : 0));
            return false;
        } catch (const Json::exception& e) { // a number too large for a double (1e999)
            error("AWS_JSON_SYNTAX", "not readable JSON: " + std::string(e.what()), "");
            return false;
        }
        m_into.files.push_back(m_file);
        if (!root.is_object()) {
            error("AWS_NOT_DESCRIBE",
                  "not the output of an AWS CLI describe call (the top level is not an object)", "");
            return false;
        }
        // Describe output names its calls in PascalCase (Direct Connect in camelCase): an object
        // with a known call, or with only PascalCase keys (a call not read here, reported as
        // skipped), is describe output; a design file (`schemaVersion`) or a Terraform state
        // (`format_version`) is refused.
        bool known = false;
        bool awsLike = !root.empty();
        for (const auto& [key, value] : root.items()) {
            const std::string canonical = upperFirst(key);
            known = known || callOf(canonical) || isWrapper(canonical);
            awsLike = awsLike && !key.empty() && key[0] >= 'A' && key[0] <= 'Z';
            (void)value;
        }
        if (!known && !awsLike) {
            error("AWS_NOT_DESCRIBE",
                  "not the output of an AWS CLI describe call (no top-level key such as Vpcs, Subnets or "
                  "RouteTables)",
                  "");
            return false;
        }
        readObject(root, "", 0);
        return m_errors == 0;
    }

private:
    void error(std::string code, std::string message, const std::string& path, TextPosition at = {}) {
        if (at.line == 0)
            at = locateJsonPointer(m_text, path);
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = std::move(code);
        d.message = std::move(message);
        d.file = m_file;
        d.line = at.line;
        d.column = at.column;
        d.jsonPath = path;
        m_problems.push_back(std::move(d));
        ++m_errors;
    }

    // An object holding calls' arrays (the file's top level, or an element of a wrapper).
    void readObject(const Json& object, const std::string& path, int depth) {
        Json context = Json::object();
        for (const auto& [key, value] : object.items())
            if (value.is_string())
                context[upperFirst(key)] = value;
        for (const auto& [key, value] : object.items()) {
            const std::string canonical = upperFirst(key);
            const std::string at = childPath(path, key);
            if (value.is_string() || value.is_boolean() || value.is_number() || value.is_null() ||
                isIgnored(canonical))
                continue;
            if (isWrapper(canonical) && depth == 0) {
                if (!value.is_array()) {
                    error("AWS_FIELD_TYPE", "`" + key + "` must be an array", at);
                    continue;
                }
                for (std::size_t i = 0; i < value.size(); ++i) {
                    if (!value[i].is_object())
                        error("AWS_FIELD_TYPE", "an item of `" + key + "` must be an object",
                              at + "/" + std::to_string(i));
                    else
                        readObject(value[i], at + "/" + std::to_string(i), depth + 1);
                }
                continue;
            }
            const CallInfo* call = callOf(canonical);
            if (!call) {
                if (depth == 0)
                    unsupported(key, value);
                continue;
            }
            if (!value.is_array()) {
                error("AWS_FIELD_TYPE", "`" + key + "` must be an array", at);
                continue;
            }
            for (std::size_t i = 0; i < value.size(); ++i)
                readItem(*call, value[i], context, at + "/" + std::to_string(i));
        }
    }

    void readItem(const CallInfo& call, const Json& item, const Json& context, const std::string& path) {
        if (!item.is_object()) {
            error("AWS_FIELD_TYPE", "an item of `" + std::string(call.key) + "` must be an object", path);
            return;
        }
        std::string id;
        if (!call.idFields.empty()) {
            std::string_view fields = call.idFields;
            while (id.empty() && !fields.empty()) {
                const auto bar = fields.find('|');
                const std::string_view field = fields.substr(0, bar);
                id = awsString(item, field);
                fields.remove_prefix(bar == std::string_view::npos ? fields.size() : bar + 1);
            }
            if (id.empty()) {
                std::string wanted(call.idFields);
                std::replace(wanted.begin(), wanted.end(), '|', '/');
                error("AWS_FIELD_TYPE",
                      "an item of `" + std::string(call.key) + "` needs `" + wanted + "` as a string", path);
                return;
            }
        } else {
            id = item.dump() + context.dump();
        }
        std::vector<AwsItem>& items = m_into.calls[std::string(call.key)];
        std::unordered_map<std::string, std::size_t>& seen = m_into.seen[std::string(call.key)];
        if (const auto it = seen.find(id); it != seen.end()) {
            // Pages overlap or a file was given twice: the first copy wins, filled by the later.
            Json& first = items[it->second].value;
            for (const auto& [key, value] : item.items())
                if (!first.contains(key))
                    first[key] = value;
            ++m_into.duplicates;
            return;
        }
        seen.emplace(id, items.size());
        items.push_back(AwsItem{item, context, m_file, path});
    }

    void unsupported(const std::string& key, const Json& value) {
        const auto addressOf = [&](const Json& item, std::size_t i) {
            // The first member named like an id ("DBInstanceIdentifier", "ZoneId").
            if (item.is_object())
                for (const auto& [k, v] : item.items())
                    if (v.is_string() &&
                        (k.ends_with("Id") || k.ends_with("Identifier") || k.ends_with("Arn")))
                        return v.get<std::string>();
            return key + "[" + std::to_string(i) + "]";
        };
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i)
                m_into.unsupported.push_back({key, addressOf(value[i], i), m_file});
        } else {
            m_into.unsupported.push_back({key, key, m_file});
        }
    }

    std::string_view m_text;
    std::string m_file;
    AwsDescribe& m_into;
    Diagnostics& m_problems;
    int m_errors = 0;
};

void collectJsonFiles(const std::filesystem::path& dir, std::vector<std::string>& out, std::size_t limit) {
    std::error_code ec;
    std::filesystem::recursive_directory_iterator it(
        dir, std::filesystem::directory_options::skip_permission_denied, ec);
    for (; !ec && it != std::filesystem::recursive_directory_iterator() && out.size() <= limit;
         it.increment(ec)) {
        std::error_code fileEc;
        if (it->is_regular_file(fileEc) && it->path().extension() == ".json")
            out.push_back(it->path().string());
    }
}

} // namespace

std::vector<std::string_view> supportedAwsCalls() {
    std::vector<std::string_view> out;
    for (const CallInfo& c : kCalls)
        out.push_back(c.key);
    return out;
}

const nlohmann::json& awsField(const nlohmann::json& object, std::string_view key) {
    static const nlohmann::json null;
    if (!object.is_object() || key.empty())
        return null;
    if (const auto it = object.find(key); it != object.end())
        return *it;
    std::string other(key);
    if (other[0] >= 'A' && other[0] <= 'Z')
        other[0] = char(other[0] - 'A' + 'a');
    else if (other[0] >= 'a' && other[0] <= 'z')
        other[0] = char(other[0] - 'a' + 'A');
    const auto it = object.find(other);
    return it == object.end() ? null : *it;
}

std::string awsString(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json& v = awsField(object, key);
    return v.is_string() ? v.get<std::string>() : std::string();
}

bool readAwsJson(std::string_view text, const std::string& fileName, AwsDescribe& into, Diagnostics& problems,
                 const AwsReadLimits& limits) {
    return Reader(text, fileName, into, problems).run(limits);
}

namespace {

AwsReadResult finishRead(AwsDescribe& describe, Diagnostics& problems) {
    AwsReadResult result;
    describe.seen.clear();
    const bool failed = std::any_of(problems.begin(), problems.end(),
                                    [](const Diagnostic& d) { return d.severity == Severity::Error; });
    if (!failed)
        result.describe = std::move(describe);
    result.diagnostics = std::move(problems);
    return result;
}

} // namespace

AwsReadResult readAwsTexts(const std::vector<std::pair<std::string, std::string>>& texts,
                           const AwsReadLimits& limits) {
    AwsDescribe describe;
    Diagnostics problems;
    for (const auto& [name, text] : texts)
        readAwsJson(text, name, describe, problems, limits);
    return finishRead(describe, problems);
}

AwsReadResult readAwsInputs(const std::vector<std::string>& paths, const AwsReadLimits& limits) {
    AwsDescribe describe;
    Diagnostics problems;
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec)) {
            std::vector<std::string> found;
            collectJsonFiles(path, found, limits.maxFiles);
            std::sort(found.begin(), found.end());
            if (found.empty()) {
                Diagnostic d;
                d.code = "AWS_NO_INPUT";
                d.message = "the directory holds no .json file";
                d.file = path;
                problems.push_back(std::move(d));
            }
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(path);
        }
    }
    if (files.size() > limits.maxFiles) {
        Diagnostic d;
        d.code = "AWS_TOO_LARGE";
        d.message = "more than " + std::to_string(limits.maxFiles) + " files to read";
        d.file = paths.empty() ? std::string() : paths.front();
        problems.push_back(std::move(d));
        return finishRead(describe, problems);
    }
    LoadLimits load;
    load.maxBytes = limits.maxBytes;
    for (const std::string& file : files)
        if (const auto text = readDesignText(file, load, problems))
            readAwsJson(*text, file, describe, problems, limits);
    return finishRead(describe, problems);
}

} // namespace pp
