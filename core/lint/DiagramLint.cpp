// The diagram rule (DIAGRAM_PARENT_MISMATCH): a shape drawn outside the container its resource is in.
// Separate from the design rules: analysis never reads the diagram.

#include "lint/Linter.h"

#include <string_view>

namespace pp::lint {

std::vector<Finding> Linter::runDiagram()
{
    checkDiagram();
    return std::move(m_findings);
}

std::optional<ResourceId> Linter::modelParent(const Resource& r) const
{
    if (const Subnet* s = r.as<Subnet>())
        return s->vpc;
    if (const Workload* w = r.as<Workload>())
        return w->subnet;
    if (const NatGateway* n = r.as<NatGateway>())
        return n->subnet ? n->subnet : n->vpc; // zonal or regional (NAT-1)
    if (const Vpc* v = r.as<Vpc>())
        return v->region;
    if (const OnPremisesHost* h = r.as<OnPremisesHost>())
        return h->network;
    return std::nullopt;
}

void Linter::checkDiagram()
{
    // The shapes by resource, built only when a shape is not inside its model container (a
    // correct drawing needs no lookup at all).
    std::unordered_map<std::string_view, const Shape*> shapes;
    auto drawn = [&](const ResourceId& id) {
        if (shapes.empty()) {
            shapes.reserve(m_design.diagram.shapes.size());
            for (const Shape& s : m_design.diagram.shapes)
                shapes.emplace(s.resource.str(), &s);
        }
        return shapes.count(id.str()) > 0;
    };
    for (const Shape& s : m_design.diagram.shapes) {
        const Resource* r = m_design.find(s.resource);
        if (!r)
            continue;
        const auto parent = modelParent(*r);
        // Only insist when the model's container is drawn too.
        if (parent && s.parent != parent && drawn(*parent))
            warning("DIAGRAM_PARENT_MISMATCH", {r->id.str(), parent->str()},
                    r->id.str() + " belongs in " + parent->str() + " but is drawn " +
                        (s.parent ? "inside " + s.parent->str() : std::string("outside it")));
    }
}

} // namespace pp::lint

namespace pp {

std::vector<Finding> lintDiagram(const Design& design) { return lint::Linter(design).runDiagram(); }

} // namespace pp
