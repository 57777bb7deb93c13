#pragma once

#include "io/DesignFile.h"
#include "lint/Lint.h"

#include <nlohmann/json.hpp>
#include <string>

namespace pp::test {

std::string sourcePath(const std::string& relative);
std::string readFile(const std::string& path);

// A small, valid design touching most kinds, with no findings: the base for lint cases.
nlohmann::json baseDesign();

// Loads a JSON document (asserting it loads) and returns its findings.
std::vector<Finding> lintJson(const nlohmann::json& document);

// Finds an element of a collection by id (for mutating the base design in tests).
nlohmann::json& byId(nlohmann::json& document, const std::string& collection, const std::string& id);

// The shape drawing a resource (throws when it is not drawn).
const Shape& shapeOf(const Design& design, const std::string& id);

} // namespace pp::test
