#pragma once

// Random model edits for the undo property tests (tests/core/UndoPropertyTest.cpp on change-sets,
// tests/ui/UndoPropertyTest.cpp on the Document and its QUndoStack). Each edit is a change-set built
// the way the editor builds its own (ChangeSetBuilder, removeWithDependents, edit/Arrange.h), over
// the model and the diagram: renames, additions and deletions with dependents, flows, moves and
// resizes, arrange, stacking, notes, connectors, the design's name and description. Deterministic
// for a seed. Header-only so both suites share it; it uses only the core.
#include "edit/Arrange.h"
#include "edit/ChangeSet.h"

#include <random>
#include <string>
#include <vector>

namespace pp::test {

class RandomEdits {
public:
    explicit RandomEdits(std::uint64_t seed) : m_rng(seed) {}

    std::mt19937_64& rng() { return m_rng; }
    int roll(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }

    // One random edit of `design`, with a short description; the change may be empty when the
    // chosen edit has nothing to act on (the callers skip those, as the editor drops them).
    ChangeSet next(const Design& design, std::string* what)
    {
        ++m_counter;
        const std::string n = std::to_string(m_counter);
        ChangeSetBuilder b(design);
        const auto& resources = design.resources();
        const auto& shapes = design.diagram.shapes;
        switch (roll(13)) {
        case 0:
            if (!resources.empty()) {
                Resource r = resources[pick(resources.size())];
                r.name = "renamed " + n;
                *what = "rename " + r.id.str();
                b.modify(r);
            }
            break;
        case 1:
            // Deleting keeps the design from emptying out, so later edits have something to act on.
            if (resources.size() > 12) {
                const ResourceId id = resources[pick(resources.size())].id;
                *what = "delete " + id.str() + " with dependents";
                return removeWithDependents(design, {id});
            }
            break;
        case 2: {
            Resource host;
            host.id = ResourceId("host-" + n);
            host.name = "Host " + n;
            host.data = InternetHost{IpAddress::v4(0xCB007100u + std::uint32_t(m_counter % 250)), ""};
            b.add(host);
            b.setShape(Shape{host.id, std::nullopt, double(roll(4000)), double(roll(3000)), 90, 70});
            *what = "add " + host.id.str();
            break;
        }
        case 3:
            if (!shapes.empty()) {
                Shape s = shapes[pick(shapes.size())];
                s.x += roll(201) - 100;
                s.y += roll(201) - 100;
                if (roll(2))
                    s.width += roll(41);
                *what = "move " + s.resource.str();
                b.setShape(s);
            }
            break;
        case 4:
            if (!design.flows().empty()) {
                Flow f = design.flows()[pick(design.flows().size())];
                f.port = 1 + roll(65535);
                f.description = "edited " + n;
                *what = "edit flow " + f.id.str();
                b.modifyFlow(f);
            }
            break;
        case 5:
            if (!design.flows().empty()) {
                Flow f = design.flows()[pick(design.flows().size())];
                f.id = FlowId("flow-" + n);
                f.name = "Flow " + n;
                *what = "add " + f.id.str();
                b.addFlow(f);
            }
            break;
        case 6:
            if (!design.flows().empty()) {
                const FlowId id = design.flows()[pick(design.flows().size())].id;
                *what = "delete " + id.str();
                b.removeFlow(id);
                std::vector<Connector> connectors = design.diagram.connectors; // its bends go with it
                std::erase_if(connectors, [&](const Connector& c) { return c.owner == id.str(); });
                b.setConnectors(connectors);
            }
            break;
        case 7:
            *what = "restack";
            return restackShapes(design, someShapes(design, 3), roll(2) ? Stacking::Front : Stacking::Back);
        case 8:
            *what = "align";
            return alignShapes(design, someShapes(design, 3), Alignment(roll(6)));
        case 9:
            *what = "nudge";
            return nudgeShapes(design, someShapes(design, 2), roll(21) - 10, roll(21) - 10);
        case 10: {
            std::vector<Note> notes = design.diagram.notes;
            if (!notes.empty() && roll(3) == 0)
                notes.erase(notes.begin() + std::ptrdiff_t(pick(notes.size())));
            else
                notes.push_back(Note{"note " + n, std::nullopt, double(roll(1000)), double(roll(1000)), 160, 60});
            *what = "notes";
            b.setNotes(notes);
            break;
        }
        case 11: {
            std::vector<Connector> connectors = design.diagram.connectors;
            if (!design.flows().empty())
                connectors.push_back(Connector{design.flows()[pick(design.flows().size())].id.str(), "",
                                               {Point{double(roll(500)), double(roll(500))}}});
            *what = "connectors";
            b.setConnectors(connectors);
            break;
        }
        default:
            if (roll(2)) {
                *what = "design name";
                b.setName("Design " + n);
            } else {
                *what = "design description";
                b.setDescription("Described " + n);
            }
        }
        return b.build();
    }

private:
    std::size_t pick(std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(m_rng); }

    // Up to `count` shapes sharing the first one's container (arrange acts among siblings).
    std::vector<ResourceId> someShapes(const Design& design, std::size_t count)
    {
        const auto& shapes = design.diagram.shapes;
        if (shapes.empty())
            return {};
        const Shape& first = shapes[pick(shapes.size())];
        std::vector<ResourceId> ids{first.resource};
        for (const Shape& s : shapes)
            if (ids.size() < count && s.parent == first.parent && s.resource != first.resource && roll(3) == 0)
                ids.push_back(s.resource);
        return ids;
    }

    std::mt19937_64 m_rng;
    int m_counter = 0;
};

} // namespace pp::test
