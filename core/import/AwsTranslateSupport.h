#pragma once

// Shared by the translation of each family of describe calls (AwsTranslateNetwork.cpp,
// AwsTranslateServices.cpp): the resources made so far and small readers of describe fields.

#include "import/AwsTranslate.h"

#include <string_view>

namespace pp::aws {

using Json = nlohmann::json;

class Translator {
public:
    explicit Translator(const AwsDescribe& describe) : m_describe(describe) {}

    const std::vector<AwsItem>& items(const std::string& call) const {
        static const std::vector<AwsItem> none;
        const auto it = m_describe.calls.find(call);
        return it == m_describe.calls.end() ? none : it->second;
    }
    bool has(const std::string& call) const { return !items(call).empty(); }

    // Adds a resource of Terraform `type` with `values` (its AWS id as `id`, when it has one).
    TfResource& add(std::string_view type, const std::string& address, const AwsItem& from,
                    std::string_view call, Json values) {
        std::string unique = address.empty() ? std::string(call) : address;
        for (int n = 2; m_addresses.contains(unique); ++n)
            unique = address + "#" + std::to_string(n);
        m_addresses.emplace(unique, out.document.resources.size());
        TfResource r;
        r.address = unique;
        r.type = std::string(type);
        r.name = unique;
        r.values = values.is_object() ? std::move(values) : Json::object();
        r.jsonPath = from.file + "#" + from.jsonPath;
        out.describeCall[unique] = std::string(call);
        out.document.resources.push_back(std::move(r));
        return out.document.resources.back();
    }
    TfResource* find(const std::string& address) {
        const auto it = m_addresses.find(address);
        return it == m_addresses.end() ? nullptr : &out.document.resources[it->second];
    }
    void skip(const std::string& address, std::string_view call, std::string reason, std::string detail) {
        out.skipped.push_back({address, std::string(call), std::move(reason), std::move(detail)});
    }
    // True (and the item reported skipped, `deleted`) when its state says it no longer exists.
    bool gone(const AwsItem& item, const std::string& address, std::string_view call, const Json& state) {
        const std::string s = state.is_string() ? state.get<std::string>() : std::string();
        if (s == "deleted" || s == "deleting" || s == "terminated" || s == "shutting-down" ||
            s == "expired" || s == "failed" || s == "disassociated" || s == "detached") {
            skip(address, call, "deleted", "its state is " + s);
            return true;
        }
        (void)item;
        return false;
    }

    AwsTranslation out;

private:
    const AwsDescribe& m_describe;
    std::unordered_map<std::string, std::size_t> m_addresses; // address -> place in out.document.resources
};

inline std::string str(const Json& object, std::string_view key) {
    return awsString(object, key);
}
inline const Json& field(const Json& object, std::string_view key) {
    return awsField(object, key);
}

// `[{"Key": "Name", "Value": "web"}]` -> `{"Name": "web"}`.
inline Json tags(const Json& item) {
    Json out = Json::object();
    const Json& list = field(item, "Tags");
    if (list.is_array())
        for (const Json& t : list) {
            const std::string key = str(t, "Key");
            const Json& value = field(t, "Value");
            if (!key.empty() && value.is_string())
                out[key] = value;
        }
    return out;
}

// The string `key` of every object of the array `list` ([{"GroupId": "sg-1"}] -> ["sg-1"]).
inline Json stringsOf(const Json& list, std::string_view key) {
    Json out = Json::array();
    if (list.is_array())
        for (const Json& item : list)
            if (const std::string s = str(item, key); !s.empty())
                out.push_back(s);
    return out;
}

// Only the strings of an array.
inline Json stringArray(const Json& list) {
    Json out = Json::array();
    if (list.is_array())
        for (const Json& item : list)
            if (item.is_string())
                out.push_back(item);
    return out;
}

// The part of an ARN after the fifth colon ("loadbalancer/net/web/abc").
inline std::string arnResource(const std::string& arn) {
    std::size_t pos = 0;
    for (int i = 0; i < 5 && pos != std::string::npos; ++i) {
        pos = arn.find(':', pos);
        if (pos != std::string::npos)
            ++pos;
    }
    return pos == std::string::npos ? arn : arn.substr(pos);
}

// The first attachment of a gateway that is attached (describe-internet-gateways and friends).
inline std::string attachedVpc(const Json& attachments) {
    if (attachments.is_array())
        for (const Json& a : attachments) {
            const std::string state = str(a, "State");
            if (state.empty() || state == "available" || state == "attached" || state == "attaching")
                if (const std::string vpc = str(a, "VpcId"); !vpc.empty())
                    return vpc;
        }
    return {};
}

void translateNetwork(Translator& t);
void translateServices(Translator& t);

} // namespace pp::aws
