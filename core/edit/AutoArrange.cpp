#include "edit/AutoArrange.h"

#include "import/AutoLayout.h"
#include "model/References.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace pp {

namespace {

bool isContainer(Kind kind)
{
    return kind == Kind::Region || kind == Kind::Vpc || kind == Kind::Subnet || kind == Kind::OnPremisesNetwork;
}

bool isLink(Kind kind)
{
    return kind == Kind::VpcPeering || kind == Kind::TransitGatewayAttachment || kind == Kind::VpnConnection;
}

constexpr double kFitMargin = 20; // kept between a grown container's edge and what it holds

class Arrangement {
public:
    // `everything`: the whole design, undrawn resources included (links between networks stay
    // lines unless they are drawn as tiles); else only what is drawn.
    Arrangement(const Design& design, bool everything) : m_design(design), m_builder(design), m_everything(everything)
    {
        for (const Shape& s : design.diagram.shapes)
            m_current.emplace(s.resource.str(), s);
        m_laid = automaticLayout(design, [this](const ResourceId& id) {
            if (m_current.count(id.str()))
                return true;
            const Resource* r = m_everything ? m_design.find(id) : nullptr;
            return r && !isLink(r->kind());
        });
        for (const Shape& s : m_laid.shapes) {
            m_next.emplace(s.resource.str(), &s);
            if (s.parent)
                m_childrenOf[s.parent->str()].push_back(&s);
        }
    }

    void everything()
    {
        for (const Shape& s : m_laid.shapes)
            stage(s);
    }

    void inside(const std::vector<ResourceId>& selection)
    {
        std::set<std::string> selected;
        for (const ResourceId& id : selection)
            if (m_current.count(id.str()))
                selected.insert(id.str());
        std::set<std::string> done;
        for (const ResourceId& id : selection) {
            const Resource* r = m_design.find(id);
            if (!r || !isContainer(r->kind()) || !m_next.count(id.str()) || !done.insert(id.str()).second ||
                hasSelectedAncestor(id, selected))
                continue;
            Shape root = m_current.at(id.str());
            root.width = m_next.at(id.str())->width;
            root.height = m_next.at(id.str())->height;
            stage(root);
            std::vector<const Shape*> pending = m_childrenOf[id.str()];
            while (!pending.empty()) {
                const Shape* s = pending.back();
                pending.pop_back();
                stage(*s);
                const auto it = m_childrenOf.find(s->resource.str());
                if (it != m_childrenOf.end())
                    pending.insert(pending.end(), it->second.begin(), it->second.end());
            }
            growAround(root);
        }
    }

    ChangeSet finish(bool everyConnector)
    {
        std::vector<Connector> connectors = m_design.diagram.connectors;
        bool changed = false;
        for (Connector& c : connectors)
            if (!c.waypoints.empty() && (everyConnector || touchesMoved(c))) {
                c.waypoints.clear();
                changed = true;
            }
        if (changed && !m_moved.empty())
            m_builder.setConnectors(std::move(connectors));
        return m_builder.build();
    }

private:
    void stage(const Shape& wanted)
    {
        const auto it = m_current.find(wanted.resource.str());
        if (it == m_current.end()) {
            if (!m_everything)
                return;
            m_current.emplace(wanted.resource.str(), wanted); // drawn now
        } else if (it->second == wanted) {
            return;
        } else {
            it->second = wanted;
        }
        m_builder.setShape(wanted);
        m_moved.insert(wanted.resource.str());
    }

    bool hasSelectedAncestor(const ResourceId& id, const std::set<std::string>& selected) const
    {
        std::optional<ResourceId> parent = m_current.at(id.str()).parent;
        for (std::size_t guard = 0; parent && guard < m_current.size(); ++guard) {
            if (selected.count(parent->str()))
                return true;
            const auto it = m_current.find(parent->str());
            parent = it == m_current.end() ? std::nullopt : it->second.parent;
        }
        return false;
    }

    // The containers around `shape` grow until it fits, as the canvas grows a container when a
    // shape is dropped at its edge.
    void growAround(Shape shape)
    {
        for (std::size_t guard = 0; shape.parent && guard < m_current.size(); ++guard) {
            const auto it = m_current.find(shape.parent->str());
            if (it == m_current.end())
                return;
            Shape parent = it->second;
            const double width = std::max(parent.width, shape.x + shape.width + kFitMargin);
            const double height = std::max(parent.height, shape.y + shape.height + kFitMargin);
            if (width == parent.width && height == parent.height)
                return;
            parent.width = width;
            parent.height = height;
            stage(parent);
            shape = parent;
        }
    }

    bool touchesMoved(const Connector& c) const
    {
        if (m_moved.count(c.owner) || m_moved.count(c.target))
            return true;
        if (const Flow* flow = m_design.findFlow(FlowId(c.owner)))
            return m_moved.count(flow->source.str()) || m_moved.count(flow->destination.str());
        if (const Resource* r = m_design.find(ResourceId(c.owner))) {
            const std::vector<ResourceId> refs = referencesOf(*r);
            return std::any_of(refs.begin(), refs.end(), [&](const ResourceId& id) { return m_moved.count(id.str()) > 0; });
        }
        return false;
    }

    const Design& m_design;
    ChangeSetBuilder m_builder;
    bool m_everything;
    std::unordered_map<std::string, Shape> m_current; // the drawing, with what is staged so far
    Diagram m_laid;
    std::unordered_map<std::string, const Shape*> m_next;
    std::unordered_map<std::string, std::vector<const Shape*>> m_childrenOf; // in the automatic layout
    std::set<std::string> m_moved;
};

} // namespace

ChangeSet arrangeAutomatically(const Design& design, const std::vector<ResourceId>& selection)
{
    Arrangement arrangement(design, selection.empty());
    if (selection.empty())
        arrangement.everything();
    else
        arrangement.inside(selection);
    return arrangement.finish(selection.empty());
}

} // namespace pp
