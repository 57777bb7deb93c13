// Reading and writing the `policies` section of a design file (docs/file-format.md, "Policies").
#include "design/TagScope.h"
#include "io/DesignBody.h"
#include "io/DesignFile.h"

#include <unordered_map>

namespace pp {
namespace {

// What the generic reader cannot check from describe(): ids, the fields each kind needs or
// refuses, the syntax of kind names and tag selectors, and scopes that select nothing by design.
class PolicyChecker {
public:
    explicit PolicyChecker(ReadContext& context) : m_context(context) {}

    void check(const Json& policy, const std::string& path)
    {
        if (!policy.is_object())
            return; // reported by the reader
        checkId(policy, path);
        for (const char* side : {"from", "to"})
            if (const auto it = policy.find(side); it != policy.end() && it->is_object())
                checkScope(*it, path + "/" + side, side);
        const auto kindIt = policy.find("kind");
        if (kindIt == policy.end() || !kindIt->is_string())
            return;
        const auto kind = enumFromName<PolicyKind>(kindIt->get<std::string>());
        if (!kind)
            return;
        const std::string kindName(enumName(*kind));
        const bool hasTo = policy.contains("to"), hasVia = policy.contains("via");
        if (!hasTo && (*kind == PolicyKind::Isolated || *kind == PolicyKind::MustReach || *kind == PolicyKind::OnlyVia))
            m_context.error("MISSING_FIELD", path, "a '" + kindName + "' policy needs the field 'to' (scope B)");
        if (hasTo && *kind == PolicyKind::NoInternetExposure)
            m_context.error("CONFLICTING_FIELDS", path + "/to",
                            "a 'no-internet-exposure' policy has no scope B: it is about the internet");
        if (*kind == PolicyKind::OnlyVia) {
            if (const auto via = policy.find("via"); via == policy.end() || (via->is_array() && via->empty()))
                m_context.error("MISSING_FIELD", path, "an 'only-via' policy needs 'via': the resources every path must visit");
        } else if (hasVia) {
            m_context.error("CONFLICTING_FIELDS", path + "/via", "'via' applies to 'only-via' policies only");
        }
        const auto protocolIt = policy.find("protocol");
        const std::string protocol = protocolIt != policy.end() && protocolIt->is_string() ? protocolIt->get<std::string>() : "all";
        const bool ported = protocol == "tcp" || protocol == "udp";
        if (*kind == PolicyKind::NoInternetExposure && (protocolIt != policy.end() || policy.contains("port")))
            m_context.error("CONFLICTING_FIELDS", path,
                            "a 'no-internet-exposure' policy checks every protocol and port; remove 'protocol' and 'port'");
        else if (ported && !policy.contains("port"))
            m_context.error("MISSING_FIELD", path, "protocol '" + protocol + "' needs a 'port'");
        else if (!ported && policy.contains("port"))
            m_context.error("CONFLICTING_FIELDS", path + "/port", "'port' applies to protocols tcp and udp only, not '" + protocol + "'");
    }

private:
    void checkId(const Json& policy, const std::string& path)
    {
        const auto it = policy.find("id");
        if (it == policy.end() || !it->is_string())
            return;
        const std::string id = it->get<std::string>();
        if (!isValidId(id)) {
            m_context.error("INVALID_ID", path + "/id",
                            "id '" + id + "' is not valid: use 1-128 letters, digits, '.', '_', ':' or '-', starting "
                            "with a letter or digit (and not the word 'local')");
            return;
        }
        if (const auto first = m_ids.find(id); first != m_ids.end())
            m_context.error("DUPLICATE_ID", path + "/id", "policy id '" + id + "' is already used at " + first->second);
        else
            m_ids.emplace(id, path);
    }

    void checkScope(const Json& scope, const std::string& path, const char* side)
    {
        bool selects = false;
        for (const char* key : {"resources", "kinds", "containers", "tags"})
            if (const auto it = scope.find(key); it != scope.end() && it->is_array() && !it->empty())
                selects = true;
        if (!selects)
            m_context.error("MISSING_FIELD", path,
                            std::string("scope '") + side + "' selects nothing: give 'resources', 'kinds', 'containers' or 'tags'");
        if (const auto kinds = scope.find("kinds"); kinds != scope.end() && kinds->is_array())
            for (std::size_t i = 0; i < kinds->size(); ++i) {
                const Json& k = (*kinds)[i];
                if (!k.is_string())
                    continue;
                const auto kind = kindFromName(k.get<std::string>());
                if (!kind || !kFlowEndpoints.contains(*kind))
                    m_context.error("UNKNOWN_ENUM_VALUE", childPath(path + "/kinds", i),
                                    "'" + k.get<std::string>() +
                                        "' is not a kind of endpoint; expected workload, onPremisesHost, internetHost, "
                                        "awsService, vpcEndpoint, endpointService or loadBalancer");
            }
        if (const auto tags = scope.find("tags"); tags != scope.end() && tags->is_array())
            for (std::size_t i = 0; i < tags->size(); ++i)
                if ((*tags)[i].is_string() && !TagSelector::parse((*tags)[i].get<std::string>()))
                    m_context.error("OUT_OF_RANGE", childPath(path + "/tags", i),
                                    "a tag selector is written 'key' or 'key=value', with a key of at least one character");
    }

    ReadContext& m_context;
    std::unordered_map<std::string, std::string> m_ids;
};

} // namespace

std::vector<Policy> readPolicies(const Json& section, ReadContext& context)
{
    const std::string base = "/policies";
    context.currentResource.clear();
    std::vector<Policy> policies;
    if (!section.is_array()) {
        context.error("WRONG_TYPE", base, "'policies' must be an array, not " + jsonTypeName(section));
        return policies;
    }
    PolicyChecker checker(context);
    for (std::size_t i = 0; i < section.size(); ++i) {
        const std::string path = childPath(base, i);
        const Json& element = section[i];
        if (!element.is_object()) {
            context.error("WRONG_TYPE", path, "each policy must be an object, not " + jsonTypeName(element));
            continue;
        }
        if (const auto id = element.find("id"); id != element.end() && id->is_string())
            context.currentResource = id->get<std::string>();
        Policy policy;
        JsonReader reader(element, path, context);
        describe(reader, policy);
        reader.finish(nullptr);
        checker.check(element, path);
        policies.push_back(std::move(policy));
    }
    context.currentResource.clear();
    return policies;
}

OrderedJson policiesJson(const std::vector<Policy>& policies)
{
    OrderedJson array = OrderedJson::array();
    for (const Policy& p : policies) {
        OrderedJson object = OrderedJson::object();
        JsonWriter writer(object);
        describe(writer, const_cast<Policy&>(p)); // the writer only reads
        array.push_back(std::move(object));
    }
    return array;
}

Diagnostics checkPoliciesAsLoaded(const Design& design, const std::vector<Policy>& policies)
{
    ReadContext context;
    readPolicies(Json::parse(policiesJson(policies).dump()), context);
    checkPendingReferences(design, context);
    return context.problems;
}

} // namespace pp
