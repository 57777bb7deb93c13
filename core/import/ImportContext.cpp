#include "import/ImportContext.h"

#include <algorithm>

namespace pp {

namespace {

const nlohmann::json& nullJson()
{
    static const nlohmann::json null;
    return null;
}

// An id from a Terraform address: "module.net.aws_subnet.app[\"a\"]" -> "module.net.aws_subnet.app.a".
std::string idFromAddress(std::string_view address)
{
    std::string out;
    for (char c : address) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '-' || c == ':';
        if (c == '[')
            out += '.';
        else if (c == ']' || c == '"')
            continue;
        else
            out += ok ? c : '_';
    }
    while (!out.empty() && !std::isalnum(static_cast<unsigned char>(out.front())))
        out.erase(out.begin());
    if (out.size() > 120)
        out.resize(120);
    return out.empty() ? std::string("resource") : out;
}

// The key of a reference's instance: "aws_subnet.app[0].id" -> "0", "aws_x.y[\"k\"]" -> "k".
std::optional<std::string> referenceKey(std::string_view rest)
{
    if (rest.empty() || rest.front() != '[')
        return std::nullopt;
    const auto close = rest.find(']');
    if (close == std::string_view::npos)
        return std::nullopt;
    std::string key(rest.substr(1, close - 1));
    if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
        key = key.substr(1, key.size() - 2);
    return key;
}

std::string keyText(const nlohmann::json& key)
{
    if (key.is_string())
        return key.get<std::string>();
    if (key.is_number_integer())
        return std::to_string(key.get<long long>());
    return key.dump();
}

} // namespace

ImportContext::ImportContext(const TfDocument& document, ImportReport& report) : m_document(document), m_report(report)
{
    for (const TfResource& r : document.resources)
        m_byConfigAddress[r.module + "|" + (r.dataSource ? "data." : "") + r.type + "." + r.name].push_back(&r);
}

const nlohmann::json& ImportContext::value(const TfResource& r, std::string_view attribute) const
{
    const auto it = r.values.find(std::string(attribute));
    return it == r.values.end() ? nullJson() : *it;
}

std::optional<std::string> ImportContext::string(const TfResource& r, std::string_view attribute) const
{
    const nlohmann::json& v = value(r, attribute);
    if (v.is_string() && !v.get<std::string>().empty())
        return v.get<std::string>();
    return std::nullopt;
}

std::optional<bool> ImportContext::boolean(const TfResource& r, std::string_view attribute) const
{
    const nlohmann::json& v = value(r, attribute);
    return v.is_boolean() ? std::optional<bool>(v.get<bool>()) : std::nullopt;
}

std::optional<long long> ImportContext::integer(const TfResource& r, std::string_view attribute) const
{
    const nlohmann::json& v = value(r, attribute);
    if (v.is_number_integer())
        return v.get<long long>();
    if (v.is_number_float())
        return static_cast<long long>(v.get<double>());
    if (v.is_string()) {
        // The AWS provider writes some numbers as strings ("from_port": "443" in older versions).
        const std::string s = v.get<std::string>();
        try {
            std::size_t used = 0;
            const long long n = std::stoll(s, &used);
            if (used == s.size())
                return n;
        } catch (...) {
        }
    }
    return std::nullopt;
}

bool ImportContext::isUnknown(const TfResource& r, std::string_view attribute) const
{
    if (!r.unknown.is_object())
        return false;
    const auto it = r.unknown.find(std::string(attribute));
    return it != r.unknown.end() && it->is_boolean() && it->get<bool>() && value(r, attribute).is_null();
}

bool ImportContext::isSensitive(const TfResource& r, std::string_view attribute) const
{
    if (!r.sensitive.is_object())
        return r.sensitive.is_boolean() && r.sensitive.get<bool>();
    const auto it = r.sensitive.find(std::string(attribute));
    return it != r.sensitive.end() && !(it->is_boolean() && !it->get<bool>()) && !(it->is_object() && it->empty()) &&
           !(it->is_array() && it->empty());
}

std::string ImportContext::nameTag(const TfResource& r) const
{
    const nlohmann::json& tags = value(r, "tags");
    if (!tags.is_object() || !tags.contains("Name") || !tags["Name"].is_string())
        return {};
    if (r.sensitive.is_object() && r.sensitive.contains("tags")) {
        const nlohmann::json& s = r.sensitive["tags"];
        if ((s.is_boolean() && s.get<bool>()) || (s.is_object() && s.value("Name", false)))
            return {};
    }
    return tags["Name"].get<std::string>();
}

void ImportContext::noteUnknown(const TfResource& r, std::string_view attribute)
{
    std::vector<std::string>& fields = m_unknownFields[r.address];
    if (std::find(fields.begin(), fields.end(), attribute) == fields.end())
        fields.emplace_back(attribute);
}

bool ImportContext::checkUnknown(const TfResource& r, std::string_view attribute)
{
    if (!isUnknown(r, attribute))
        return false;
    noteUnknown(r, attribute);
    return true;
}

std::vector<const TfResource*> ImportContext::referencedAll(const TfResource& from, std::string_view reference) const
{
    std::string_view rest = reference;
    std::string prefix;
    if (rest.starts_with("data.")) {
        prefix = "data.";
        rest.remove_prefix(5);
    }
    // type.name, then an optional [key], then attributes.
    const auto dot = rest.find('.');
    if (dot == std::string_view::npos || !rest.starts_with("aws_"))
        return {};
    const std::string_view type = rest.substr(0, dot);
    rest.remove_prefix(dot + 1);
    const auto nameEnd = rest.find_first_of(".[");
    const std::string_view name = rest.substr(0, nameEnd);
    rest.remove_prefix(nameEnd == std::string_view::npos ? rest.size() : nameEnd);
    const auto it = m_byConfigAddress.find(from.module + "|" + prefix + std::string(type) + "." + std::string(name));
    if (it == m_byConfigAddress.end())
        return {};
    const std::vector<const TfResource*>& instances = it->second;
    if (const auto key = referenceKey(rest)) {
        for (const TfResource* r : instances)
            if (keyText(r->indexKey) == *key)
                return {r};
        return {};
    }
    return instances;
}

const TfResource* ImportContext::referenced(const TfResource& from, std::string_view reference) const
{
    const std::vector<const TfResource*> all = referencedAll(from, reference);
    if (all.size() == 1)
        return all.front();
    // `aws_subnet.app[count.index]`: the configuration cannot say which instance, but the usual
    // pattern pairs instances with the same key.
    if (!from.indexKey.is_null())
        for (const TfResource* r : all)
            if (r->indexKey == from.indexKey)
                return r;
    return nullptr;
}

std::optional<ResourceId> ImportContext::byAwsId(std::string_view awsId) const
{
    if (awsId.empty())
        return std::nullopt;
    if (const auto it = m_awsIds.find(std::string(awsId)); it != m_awsIds.end())
        return ResourceId(it->second);
    return std::nullopt;
}

std::optional<ResourceId> ImportContext::byAddress(const std::string& address) const
{
    if (const auto it = m_addresses.find(address); it != m_addresses.end())
        return ResourceId(it->second);
    return std::nullopt;
}

std::optional<ResourceId> ImportContext::referValue(const TfResource& r, const nlohmann::json& known,
                                                    const std::string& referencesKey) const
{
    if (known.is_string() && !known.get<std::string>().empty())
        return byAwsId(known.get<std::string>());
    const auto refs = r.references.find(referencesKey);
    if (refs == r.references.end())
        return std::nullopt;
    std::optional<ResourceId> found;
    for (const std::string& ref : refs->second)
        if (const TfResource* target = referenced(r, ref))
            if (const auto id = byAddress(target->address)) {
                if (found && *found != *id)
                    return std::nullopt; // two different targets: cannot tell which block has which
                found = id;
            }
    return found;
}

std::optional<ResourceId> ImportContext::refer(const TfResource& r, std::string_view attribute) const
{
    return referValue(r, value(r, attribute), std::string(attribute));
}

std::vector<ResourceId> ImportContext::referAll(const TfResource& r, std::string_view attribute) const
{
    std::vector<ResourceId> out;
    auto push = [&](const ResourceId& id) {
        if (std::find(out.begin(), out.end(), id) == out.end())
            out.push_back(id);
    };
    const nlohmann::json& v = value(r, attribute);
    bool allKnown = v.is_array();
    if (v.is_array())
        for (const nlohmann::json& item : v) {
            if (!item.is_string())
                allKnown = false;
            else if (const auto id = byAwsId(item.get<std::string>()))
                push(*id);
        }
    if (allKnown && !v.empty())
        return out;
    if (const auto refs = r.references.find(std::string(attribute)); refs != r.references.end())
        for (const std::string& ref : refs->second)
            for (const TfResource* target : referencedAll(r, ref))
                if (const auto id = byAddress(target->address))
                    push(*id);
    return out;
}

const TfResource* ImportContext::referencedOfType(const TfResource& r, std::string_view attribute,
                                                 std::string_view type) const
{
    const nlohmann::json& v = value(r, attribute);
    if (v.is_string() && !v.get<std::string>().empty()) {
        for (const TfResource& candidate : m_document.resources) {
            if (candidate.type != type)
                continue;
            for (const char* key : {"id", "arn", "name", "allocation_id"})
                if (const auto s = string(candidate, key); s && *s == v.get<std::string>())
                    return &candidate;
        }
    }
    if (const auto refs = r.references.find(std::string(attribute)); refs != r.references.end())
        for (const std::string& ref : refs->second)
            if (const TfResource* target = referenced(r, ref); target && target->type == type)
                return target;
    return nullptr;
}

ResourceId ImportContext::freshId(std::string_view wanted)
{
    // Made a valid id whatever it was built from (an AWS id with a suffix may pass the length
    // limit; hostile input may hold any byte): other characters become '-', and room is left for
    // the "-N" that keeps it unique.
    std::string base;
    for (char c : wanted.substr(0, 116)) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        base += alnum || c == '.' || c == '_' || c == ':' || c == '-' ? c : '-';
    }
    if (!isValidId(base))
        base = "resource";
    std::string candidate = base;
    for (int n = 2; m_index.contains(candidate); ++n)
        candidate = base + "-" + std::to_string(n);
    return ResourceId(candidate);
}

ResourceId ImportContext::idFor(const TfResource& r)
{
    if (const auto id = string(r, "id"); id && isValidId(*id) && !m_index.contains(*id))
        return ResourceId(*id);
    return freshId(idFromAddress(r.address));
}

Resource& ImportContext::add(const TfResource& r, ResourceId id, std::string name, ResourceData data)
{
    if (name.empty())
        name = nameTag(r);
    if (name.empty())
        name = r.address;
    for (const char* key : {"id", "arn"})
        if (const auto aws = string(r, key))
            m_awsIds.emplace(*aws, id.str());
    m_addresses.emplace(r.address, id.str());
    m_resourceAddress.emplace(id.str(), r.address);
    m_report.imported.push_back({r.address, r.type, id.str()});
    Resource& added = addImplicit(std::move(id), std::move(name), std::move(data));
    added.tags = tagsOf(r);
    return added;
}

Tags ImportContext::tagsOf(const TfResource& r) const
{
    // The resource's own tags (`tags_all` adds the provider's default tags, which are the same on
    // every resource and would drown what sets resources apart). Sensitive tags are left out, as
    // every sensitive value is; so are values that are not strings (unknown until apply) and
    // keys or values over the file format's limits (AWS has the same limits).
    Tags tags;
    const nlohmann::json& all = value(r, "tags");
    if (!all.is_object())
        return tags;
    const nlohmann::json* sensitive = nullptr; // per key, when only some tags are sensitive
    if (r.sensitive.is_object()) {
        if (const auto it = r.sensitive.find("tags"); it != r.sensitive.end()) {
            if (it->is_object())
                sensitive = &*it;
            else if (isSensitive(r, "tags"))
                return tags;
        }
    } else if (isSensitive(r, "tags")) {
        return tags;
    }
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (!it->is_string() || it.key().empty() || it.key().size() > 128 || it->get_ref<const std::string&>().size() > 256)
            continue;
        if (sensitive) {
            const auto secret = sensitive->find(it.key());
            if (secret != sensitive->end() && !(secret->is_boolean() && !secret->get<bool>()))
                continue;
        }
        tags.emplace(it.key(), it->get<std::string>());
    }
    return tags;
}

Resource& ImportContext::addImplicit(ResourceId id, std::string name, ResourceData data)
{
    m_index.emplace(id.str(), m_resources.size());
    m_resources.push_back(Resource{.id = std::move(id), .name = std::move(name), .tags = {}, .data = std::move(data), .extensions = {}});
    return m_resources.back();
}

void ImportContext::mergedInto(const TfResource& r, const ResourceId& resource)
{
    m_addresses.emplace(r.address, resource.str());
    if (const auto aws = string(r, "id"))
        m_awsIds.emplace(*aws, resource.str());
    m_report.imported.push_back({r.address, r.type, resource.str()});
}

void ImportContext::skip(const TfResource& r, std::string reason, std::string detail)
{
    m_report.skipped.push_back({r.address, r.type, std::move(reason), std::move(detail)});
}

void ImportContext::assume(std::string code, std::string resource, std::string message)
{
    m_report.assumptions.push_back({std::move(code), std::move(resource), std::move(message)});
}

void ImportContext::alias(std::string awsId, const ResourceId& resource)
{
    if (!awsId.empty())
        m_awsIds.emplace(std::move(awsId), resource.str());
}

Resource* ImportContext::find(const ResourceId& id)
{
    const auto it = m_index.find(id.str());
    return it == m_index.end() ? nullptr : &m_resources[it->second];
}

void ImportContext::finish(Design& design)
{
    // Unknown values in input order, with the resource they belong to.
    for (const TfResource& r : m_document.resources) {
        const auto fields = m_unknownFields.find(r.address);
        if (fields == m_unknownFields.end())
            continue;
        const auto id = byAddress(r.address);
        for (const std::string& field : fields->second)
            m_report.unknowns.push_back({r.address, field, id ? id->str() : std::string()});
    }
    for (Resource& resource : m_resources) {
        const auto address = m_resourceAddress.find(resource.id.str());
        if (address != m_resourceAddress.end()) {
            nlohmann::json ext = nlohmann::json::object();
            ext["address"] = address->second;
            if (const auto fields = m_unknownFields.find(address->second); fields != m_unknownFields.end())
                ext["unknown"] = fields->second;
            resource.extensions[m_extensionKey] = ext.dump();
        } else {
            resource.extensions[m_extensionKey] = nlohmann::json{{"implicit", true}}.dump();
        }
        design.add(std::move(resource));
    }
    m_resources.clear();
    m_index.clear();
}

} // namespace pp
