#include "edit/ChangeSet.h"

#include "io/DesignFile.h"
#include "model/References.h"

#include <map>
#include <set>

namespace pp {

std::string copySelection(const Design& design, const std::vector<ResourceId>& ids)
{
    std::set<std::string> selected;
    for (const ResourceId& id : ids)
        if (design.find(id))
            selected.insert(id.str());
    Design fragment;
    for (const Resource& r : design.resources())
        if (selected.count(r.id.str()))
            fragment.add(r);
    for (const Flow& f : design.flows())
        if (selected.count(f.source.str()) && selected.count(f.destination.str()))
            fragment.addFlow(f);
    // Shapes keep their parent when it is copied too; otherwise they carry canvas coordinates.
    std::map<std::string, const Shape*> shapes;
    for (const Shape& s : design.diagram.shapes)
        shapes[s.resource.str()] = &s;
    auto shapeOf = [&](const ResourceId& id) -> const Shape* {
        const auto it = shapes.find(id.str());
        return it == shapes.end() ? nullptr : it->second;
    };
    for (const Shape& s : design.diagram.shapes) {
        if (!selected.count(s.resource.str()))
            continue;
        Shape copy = s;
        liftOut(copy, shapeOf, [&](const ResourceId& id) { return !selected.count(id.str()); });
        fragment.diagram.shapes.push_back(copy);
    }
    return saveDesignToString(fragment);
}

std::optional<ChangeSet> pasteSelection(const Design& design, const std::string& clipboard, double dx, double dy,
                                        std::string* error)
{
    LoadLimits limits;
    limits.checkReferences = false;
    const LoadResult loaded = loadDesign(clipboard, "clipboard", limits);
    if (!loaded.ok()) {
        if (error)
            *error = loaded.diagnostics.empty() ? std::string("the clipboard holds no design") : loaded.diagnostics.front().format();
        return std::nullopt;
    }
    const Design& fragment = *loaded.design;

    // New ids: the same when free, else the first free "id-N".
    std::set<std::string> taken;
    std::map<std::string, std::string> renamed;
    auto freshId = [&](const std::string& id) {
        std::string candidate = id;
        for (int n = 2; design.containsId(candidate) || taken.count(candidate); ++n)
            candidate = id + "-" + std::to_string(n);
        taken.insert(candidate);
        return candidate;
    };
    for (const Resource& r : fragment.resources())
        renamed[r.id.str()] = freshId(r.id.str());
    for (const Flow& f : fragment.flows())
        renamed[f.id.str()] = freshId(f.id.str());

    // References: to pasted resources are renamed, to existing ones kept, others dropped; a
    // resource losing a required reference is not pasted, which may drop more.
    std::set<std::string> dropped;
    std::vector<Resource> pasted;
    for (bool again = true; again;) {
        again = false;
        pasted.clear();
        for (const Resource& r : fragment.resources()) {
            if (dropped.count(r.id.str()))
                continue;
            Resource copy = r;
            copy.id = ResourceId(renamed.at(r.id.str()));
            const bool ok = rewriteReferences(copy, [&](const ResourceId& ref) -> std::optional<ResourceId> {
                if (const auto it = renamed.find(ref.str()); it != renamed.end() && !dropped.count(ref.str()))
                    return ResourceId(it->second);
                if (design.find(ref))
                    return ref;
                return std::nullopt;
            });
            if (!ok) {
                dropped.insert(r.id.str());
                again = true;
                break;
            }
            pasted.push_back(std::move(copy));
        }
    }
    ChangeSetBuilder builder(design);
    for (Resource& r : pasted)
        builder.add(std::move(r));
    for (const Flow& f : fragment.flows()) {
        Flow copy = f;
        copy.id = FlowId(renamed.at(f.id.str()));
        if (dropped.count(f.source.str()) || dropped.count(f.destination.str()))
            continue;
        copy.source = ResourceId(renamed.at(f.source.str()));
        copy.destination = ResourceId(renamed.at(f.destination.str()));
        builder.addFlow(std::move(copy));
    }
    for (const Shape& s : fragment.diagram.shapes) {
        if (dropped.count(s.resource.str()) || !renamed.count(s.resource.str()))
            continue;
        Shape copy = s;
        copy.resource = ResourceId(renamed.at(s.resource.str()));
        if (copy.parent && renamed.count(copy.parent->str()) && !dropped.count(copy.parent->str())) {
            copy.parent = ResourceId(renamed.at(copy.parent->str()));
        } else {
            copy.parent.reset();
            copy.x += dx;
            copy.y += dy;
        }
        builder.setShape(std::move(copy));
    }
    return builder.build();
}

} // namespace pp
