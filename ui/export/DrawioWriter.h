#pragma once

#include <QByteArray>
#include <QString>

namespace pp::ui {

class Document;
class DiagramScene;

// Writes the drawing of an export scene as a draw.io (diagrams.net) file: one uncompressed
// <mxfile> page that draw.io desktop and its wiki plugins open and edit.
//
// What is drawn becomes cells, in the design's own units and coordinates:
// - each drawn resource is one vertex whose id is "r:" + its resource id; containers (regions,
//   VPCs, subnets, on-premises networks...) have container=1, and a shape drawn inside another
//   is that cell's child, its geometry relative to the container's top-left corner, as in the
//   design file. A resource that the export does not draw (an unselected container in a
//   selection-only export) has no cell: what it holds moves up to the nearest drawn container.
// - tiles show their icon (the app's own SVG, embedded as a data URI) centred at the top, the
//   name and the line under it (address, CIDR...) below, as on the canvas.
// - every leg of a structural link or flow is one edge between the cells of the two tiles it
//   joins ("l:<from>:<to>:<leg>", "f:<flow id>:<leg>"), through the canvas's route (its bend
//   points), in the canvas's colour and line style: flows in their verdict's colour unless the
//   export asks for neutral colours; the flow's label on the leg that carries it on the canvas.
// - the rings the canvas draws around hops of public paths (and of a shown flow) are the
//   tiles' outlines; a resource with findings gets a badge cell ("b:" + its id).
//
// Labels are plain text (html=0 everywhere) and only in `value` attributes, so nothing in a
// name can change a style. The output is deterministic: the same scene gives the same bytes.
QByteArray drawioDocument(const DiagramScene& scene, const Document& document, const QString& title);

// The draw.io style form of an SVG data URI: "data:image/svg+xml," and the base64 of `svg`.
// draw.io styles are "key=value;" lists, so the ";base64" of an ordinary data URI would end the
// value: draw.io itself strips it when it puts an image into a style (its paste and insert-image
// code), and mxGraph's postProcessCellStyle puts ";base64," back before drawing any
// "data:image/..." value that lacks it (base64 never starts with the '<' of raw SVG text).
QString drawioSvgDataUri(const QByteArray& svg);

} // namespace pp::ui
