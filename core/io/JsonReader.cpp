#include "io/JsonReader.h"

#include "design/Design.h"

#include <algorithm>

namespace pp {

std::string jsonTypeName(const Json& j)
{
    switch (j.type()) {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
        return "an integer";
    case Json::value_t::number_float:
        return "a number";
    case Json::value_t::string:
        return "a string";
    case Json::value_t::array:
        return "an array";
    case Json::value_t::object:
        return "an object";
    default:
        return "an unsupported value";
    }
}

std::string childPath(const std::string& path, std::string_view key)
{
    std::string out;
    out.reserve(path.size() + 1 + key.size());
    out += path;
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string childPath(const std::string& path, std::size_t index) { return path + '/' + std::to_string(index); }

bool JsonReader::typeError(const std::string& path, const char* expected, const Json& got)
{
    const auto slash = path.rfind('/');
    const std::string field = path.substr(slash == std::string::npos ? 0 : slash + 1);
    m_context.error("WRONG_TYPE", path, "'" + field + "' must be " + expected + ", not " + jsonTypeName(got));
    return false;
}

namespace {
const char* familyName(IpFamily f) { return f == IpFamily::V4 ? "IPv4" : "IPv6"; }
} // namespace

bool JsonReader::readAddress(const Json& j, Cidr& out, const FieldSpec& spec, const FieldPath& path,
                             std::string_view key)
{
    if (!j.is_string())
        return typeError(path.str(), "a CIDR string", j);
    std::string why;
    const std::string& text = j.get_ref<const std::string&>();
    const auto cidr = Cidr::parse(text, &why);
    if (!cidr) {
        m_context.error("INVALID_CIDR", path.str(), "'" + std::string(key) + "' is not a valid CIDR block: '" + text + "' (" + why + ")");
        return false;
    }
    if (spec.family && cidr->family() != *spec.family) {
        m_context.error("INVALID_CIDR", path.str(),
                        "'" + std::string(key) + "' must be an " + familyName(*spec.family) + " block, not '" + text + "'");
        return false;
    }
    out = *cidr;
    return true;
}

bool JsonReader::readAddress(const Json& j, IpAddress& out, const FieldSpec& spec, const FieldPath& path,
                             std::string_view key)
{
    if (!j.is_string())
        return typeError(path.str(), "an IP address string", j);
    std::string why;
    const std::string& text = j.get_ref<const std::string&>();
    const auto address = IpAddress::parse(text, &why);
    if (!address) {
        m_context.error("INVALID_ADDRESS", path.str(),
                        "'" + std::string(key) + "' is not a valid IP address: '" + text + "' (" + why + ")");
        return false;
    }
    if (spec.family && address->family() != *spec.family) {
        m_context.error("INVALID_ADDRESS", path.str(),
                        "'" + std::string(key) + "' must be an " + familyName(*spec.family) + " address, not '" + text + "'");
        return false;
    }
    out = *address;
    return true;
}

bool JsonReader::readReference(const Json& j, ResourceId& out, const FieldSpec& spec, const FieldPath& path,
                               std::string_view key)
{
    if (!j.is_string())
        return typeError(path.str(), "an id string", j);
    const std::string& text = j.get_ref<const std::string&>();
    out = ResourceId(text);
    if ((spec.allowLocal && text == kLocalTarget) || spec.unchecked)
        return true;
    if (m_context.readSoFar)
        if (const Resource* target = m_context.readSoFar->find(out); target && spec.kinds.contains(target->kind()))
            return true; // what checkPendingReferences would find
    m_context.references.push_back({path.str(), m_context.currentResource, std::string(key), out, spec.kinds});
    return true;
}

bool JsonReader::hasNewErrors(std::size_t before) const
{
    return std::any_of(m_context.problems.begin() + std::ptrdiff_t(before), m_context.problems.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void JsonReader::finish(std::map<std::string, std::string>* extensions)
{
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        const std::string& key = it.key();
        if (std::find(m_known.begin(), m_known.end(), key) != m_known.end())
            continue;
        if (key.rfind("x-", 0) == 0) {
            if (extensions)
                (*extensions)[key] = it.value().dump();
            else
                m_context.warning("UNKNOWN_FIELD", childPath(m_path, key),
                                  "extension field '" + key + "' is only kept on resources, flows and the document; it will not be saved");
            continue;
        }
        m_context.warning("UNKNOWN_FIELD", childPath(m_path, key),
                          "unknown field '" + key + "' is ignored and will not be saved (use an 'x-' prefix to keep "
                          "your own fields)");
    }
}

} // namespace pp
