#pragma once

// The state of one Terraform import, shared by the mappers of each resource family
// (TerraformMapping.h): the resources built so far, how Terraform resources are found again by
// their AWS id or their address, and the report.

#include "design/Design.h"
#include "import/ImportReport.h"
#include "import/TerraformReader.h"

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pp {

class ImportContext {
public:
    ImportContext(const TfDocument& document, ImportReport& report);

    const TfDocument& document() const { return m_document; }
    ImportReport& report() { return m_report; }
    const ResourceId& region() const { return m_region; }
    void setRegion(ResourceId region) { m_region = std::move(region); }

    // ---- Reading values --------------------------------------------------------------------

    // The known value of a top-level attribute, or null.
    const nlohmann::json& value(const TfResource& r, std::string_view attribute) const;
    std::optional<std::string> string(const TfResource& r, std::string_view attribute) const;
    std::optional<bool> boolean(const TfResource& r, std::string_view attribute) const;
    std::optional<long long> integer(const TfResource& r, std::string_view attribute) const;
    // True when the plan says the attribute is known only after apply.
    bool isUnknown(const TfResource& r, std::string_view attribute) const;
    bool isSensitive(const TfResource& r, std::string_view attribute) const;
    // The `Name` tag, unless unknown or sensitive; else "".
    std::string nameTag(const TfResource& r) const;
    // The resource's `tags` as the model's tags, leaving out sensitive ones and values unknown until apply.
    Tags tagsOf(const TfResource& r) const;

    // Records an unknown value of `r` (in the report and, once built, the resource's extension).
    void noteUnknown(const TfResource& r, std::string_view attribute);
    // Records it when `isUnknown`; returns isUnknown.
    bool checkUnknown(const TfResource& r, std::string_view attribute);

    // ---- Finding resources -----------------------------------------------------------------

    // The design resource an attribute refers to, by its known value (an AWS id such as
    // "vpc-0a1b", or an ARN) or, in a plan where the id is unknown, by the configuration's
    // reference to another resource. Nullopt when it names nothing imported.
    std::optional<ResourceId> refer(const TfResource& r, std::string_view attribute) const;
    // Same for a list attribute (subnet_ids...); `attribute` for references.
    std::vector<ResourceId> referAll(const TfResource& r, std::string_view attribute) const;
    // A design resource by an AWS id or ARN value.
    std::optional<ResourceId> byAwsId(std::string_view awsId) const;
    // The Terraform resource instance a reference names ("aws_vpc.main.id"), seen from `from`.
    const TfResource* referenced(const TfResource& from, std::string_view reference) const;
    // Every instance it may name: all instances of a counted resource referred to as a whole.
    std::vector<const TfResource*> referencedAll(const TfResource& from, std::string_view reference) const;
    // The design resource a value inside a nested block refers to: `known` when it is a known id,
    // else the block attribute's references ("route.gateway_id") when they name exactly one.
    std::optional<ResourceId> referValue(const TfResource& r, const nlohmann::json& known, const std::string& referencesKey) const;

    // ---- Building ----------------------------------------------------------------------------

    // A fresh design id for `r`: its AWS id when known and valid, else one made from its address.
    ResourceId idFor(const TfResource& r);
    // A fresh id for a resource the importer adds (an implicit main route table...).
    ResourceId freshId(std::string_view wanted);
    // Adds a resource built from `r`: registers its AWS id and address, reports it imported.
    Resource& add(const TfResource& r, ResourceId id, std::string name, ResourceData data);
    // Adds a resource with no Terraform counterpart (AWS creates it implicitly).
    Resource& addImplicit(ResourceId id, std::string name, ResourceData data);
    // Reports `r` imported into an existing resource (a rule into its group).
    void mergedInto(const TfResource& r, const ResourceId& resource);
    void skip(const TfResource& r, std::string reason, std::string detail);
    void assume(std::string code, std::string resource, std::string message);
    // Registers another AWS id (an EIP's allocation id, a TGW route table's id...) for `resource`.
    void alias(std::string awsId, const ResourceId& resource);

    Resource* find(const ResourceId& id);
    template <class T>
    T* get(const std::optional<ResourceId>& id)
    {
        Resource* r = id ? find(*id) : nullptr;
        return r ? r->as<T>() : nullptr;
    }
    std::vector<Resource>& resources() { return m_resources; }
    // The design resource imported from a Terraform address, if any.
    std::optional<ResourceId> byAddress(const std::string& address) const;

    // Facts a mapper leaves for a later one ("mapPublicIp|subnet-1" -> "1", "tg|<address>" -> LB id).
    void setFact(const std::string& key, std::string value) { m_facts[key] = std::move(value); }
    std::string fact(const std::string& key) const
    {
        const auto it = m_facts.find(key);
        return it == m_facts.end() ? std::string() : it->second;
    }
    // The Terraform resource of `type` an attribute of `r` names: by a known value equal to the
    // target's `id`, `arn`, `name` or `allocation_id`, else by the configuration's reference.
    const TfResource* referencedOfType(const TfResource& r, std::string_view attribute, std::string_view type) const;

    // The extension each resource gets in finish(): "x-terraform" (the default) or "x-aws".
    void setExtensionKey(std::string key) { m_extensionKey = std::move(key); }
    // Moves the resources into `design`, with each resource's extension ({"address", "unknown"},
    // or {"implicit": true} for what the importer added).
    void finish(Design& design);

private:
    const TfDocument& m_document;
    ImportReport& m_report;
    ResourceId m_region;
    std::string m_extensionKey = "x-terraform";
    std::vector<Resource> m_resources;
    std::unordered_map<std::string, std::size_t> m_index;   // design id -> position
    std::unordered_map<std::string, std::string> m_awsIds;  // AWS id / ARN -> design id
    std::unordered_map<std::string, std::string> m_addresses; // TF address -> design id
    std::unordered_map<std::string, std::string> m_resourceAddress; // design id -> TF address
    std::unordered_map<std::string, std::vector<std::string>> m_unknownFields; // TF address -> fields
    std::unordered_map<std::string, std::vector<const TfResource*>> m_byConfigAddress;
    std::unordered_map<std::string, std::string> m_facts; // "module|type.name"
};

} // namespace pp
