#pragma once

// Shared by the Terraform import tests: importing the fixtures of tests/data/import/terraform.

#include "TestSupport.h"
#include "import/TerraformImport.h"

#include <algorithm>
#include <gtest/gtest.h>

namespace pp::test {

inline std::string terraformFixture(const std::string& name)
{
    return sourcePath("tests/data/import/terraform/" + name);
}

inline TerraformImportResult importFixture(const std::string& name)
{
    TerraformImportResult r = importTerraformFile(terraformFixture(name));
    EXPECT_TRUE(r.design.has_value()) << name;
    return r;
}

template <class T>
const T& resourceAs(const Design& design, const std::string& id)
{
    const T* t = design.findAs<T>(ResourceId(id));
    if (!t)
        throw std::runtime_error("no resource " + id + " of the expected kind");
    return *t;
}

inline const SkippedItem* skippedItem(const ImportReport& report, const std::string& address)
{
    const auto it = std::find_if(report.skipped.begin(), report.skipped.end(),
                                 [&](const SkippedItem& s) { return s.address == address; });
    return it == report.skipped.end() ? nullptr : &*it;
}

inline bool hasAssumption(const ImportReport& report, const std::string& code, const std::string& resource)
{
    return std::any_of(report.assumptions.begin(), report.assumptions.end(),
                       [&](const Assumption& a) { return a.code == code && a.resource == resource; });
}

inline bool hasUnknown(const ImportReport& report, const std::string& address, const std::string& field)
{
    return std::any_of(report.unknowns.begin(), report.unknowns.end(),
                       [&](const UnknownValue& u) { return u.address == address && u.field == field; });
}

inline std::optional<Cidr> cidr(const char* text) { return Cidr::parse(text); }
inline ResourceId rid(const char* id) { return ResourceId(id); }

} // namespace pp::test
